import { describe, expect, it } from "vitest";

import { parseUsAddress } from "./address-parser";

describe("parseUsAddress", () => {
  it.each([
    ["4300 rosa parks blvd, Detroit MI 48208", { houseNumber: "4300", streetName: "rosa parks blvd", city: "Detroit", stateCode: "MI", zip: "48208" }],
    ["1124 45th Pl SE, Washington, DC 20019", { houseNumber: "1124", streetName: "45th pl se", city: "Washington", stateCode: "DC", zip: "20019" }],
    ["715 N FREMONT AVE, Baltimore, MD", { houseNumber: "715", streetName: "n fremont ave", city: "Baltimore", stateCode: "MD", zip: null }],
    ["4300 Rosa Parks Blvd Detroit MI 48208", { houseNumber: "4300", streetName: "rosa parks blvd", city: "Detroit", stateCode: "MI", zip: "48208" }],
    ["14512 sussex, Detroit MI", { houseNumber: "14512", streetName: "sussex", city: "Detroit", stateCode: "MI", zip: null }],
    ["8203 - 8209 Manor St, Detroit, MI 48207 4242", { houseNumber: "8203-8209", streetName: "manor st", zip: "48207" }],
    ["4605-1/2 Sheriff Rd NE, Washington, DC 20019, USA", { houseNumber: "4605-1/2", streetName: "sheriff rd ne", zip: "20019" }],
    ["224 S St NE #2, Washington, DC 20002", { houseNumber: "224", streetName: "s st ne", unit: "#2", zip: "20002" }],
    ["110 WALKERS CT, Atlanta, Georgia", { houseNumber: "110", city: "Atlanta", stateCode: "GA" }],
    ["123 Main St St. Louis MO", { houseNumber: "123", streetName: "main st", city: "St. Louis", stateCode: "MO" }],
    ["Detroit MI", { streetLine: null, city: "Detroit", stateCode: "MI" }],
    ["48208", { streetLine: null, zip: "48208" }],
    ["6722 floyd, Detroit MI", { houseNumber: "6722", streetName: "floyd", unit: null }],
    ["9192 steel, Detroit MI", { houseNumber: "9192", streetName: "steel", unit: null }],
    ["12 Oak St Apt 3, Detroit, MI 48201", { houseNumber: "12", streetName: "oak st", unit: "apt 3" }],
    ["4300 Rosa Parks Blvd, MI 48208", { houseNumber: "4300", streetName: "rosa parks blvd", city: null, stateCode: "MI", zip: "48208" }],
  ])("parses %s", (input, expected) => {
    expect(parseUsAddress(input)).toMatchObject(expected);
  });

  it("finds no place in a street line alone", () => {
    expect(parseUsAddress("14512 sussex")).toMatchObject({ city: null, stateCode: null, zip: null });
  });

  it("does not read an unknown two-letter code as a state", () => {
    expect(parseUsAddress("123 Fake St, Atlantis, XY")).toMatchObject({ stateCode: null, zip: null });
  });
});
