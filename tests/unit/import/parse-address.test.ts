import { describe, expect, it } from "vitest";
import { parseFullAddress } from "@/lib/import/parse-address";

describe("parseFullAddress", () => {
  it.each([
    [
      "city and state without comma",
      "4300 rosa parks blvd, Detroit MI 48208",
      { street: "4300 rosa parks blvd", city: "Detroit", state: "MI", zip: "48208" },
    ],
    ["no ZIP", "14512 sussex, Detroit MI", { street: "14512 sussex", city: "Detroit", state: "MI", zip: null }],
    [
      "comma before the state",
      "1124 45th Pl SE, Washington, DC 20019",
      { street: "1124 45th Pl SE", city: "Washington", state: "DC", zip: "20019" },
    ],
    [
      "unit and ZIP+4",
      "224 S St NE #2, Washington, DC 20002-1234",
      { street: "224 S St NE #2", city: "Washington", state: "DC", zip: "20002-1234" },
    ],
    [
      "ZIP+4 with a space",
      "2900 E Jefferson Ave, Detroit, MI 48207 4242",
      { street: "2900 E Jefferson Ave", city: "Detroit", state: "MI", zip: "48207-4242" },
    ],
    [
      "full state name",
      "123 Main St, Springfield, Illinois 62701",
      { street: "123 Main St", city: "Springfield", state: "IL", zip: "62701" },
    ],
    [
      "two-word state name",
      "5 Oak Ave, Charleston, West Virginia",
      { street: "5 Oak Ave", city: "Charleston", state: "WV", zip: null },
    ],
    [
      "unit in its own segment",
      "123 Main St, Apt 4, Springfield, IL",
      { street: "123 Main St Apt 4", city: "Springfield", state: "IL", zip: null },
    ],
    [
      "country at the end",
      "9 Elm St, Boston, MA 02134, USA",
      { street: "9 Elm St", city: "Boston", state: "MA", zip: "02134" },
    ],
    [
      "four-digit ZIP after the state",
      "9 Elm St, Boston MA 2134",
      { street: "9 Elm St", city: "Boston", state: "MA", zip: "02134" },
    ],
    [
      "city containing a street word",
      "123 Main St, Highland Park, MI 48203",
      { street: "123 Main St", city: "Highland Park", state: "MI", zip: "48203" },
    ],
    ["city only", "14512 sussex, Detroit", { street: "14512 sussex", city: "Detroit", state: null, zip: null }],
    [
      "state name alone is a city",
      "1124 45th Pl SE, Washington",
      { street: "1124 45th Pl SE", city: "Washington", state: null, zip: null },
    ],
    ["state code alone", "123 Main St, MI", { street: "123 Main St", city: null, state: "MI", zip: null }],
    [
      "building name dropped",
      "123 Main St, Front Street Plaza, Detroit, MI",
      { street: "123 Main St", city: "Detroit", state: "MI", zip: null },
    ],
    [
      "county name dropped",
      "123 Main St, Springfield, Sangamon County, IL 62701",
      { street: "123 Main St", city: "Springfield", state: "IL", zip: "62701" },
    ],
    [
      "rear unit segment",
      "123 Main St, Rear, Detroit, MI",
      { street: "123 Main St Rear", city: "Detroit", state: "MI", zip: null },
    ],
    ["ZIP without state", "14512 sussex, Detroit, 48205", { street: "14512 sussex", city: "Detroit", state: null, zip: "48205" }],
  ])("%s", (_case, text, expected) => {
    expect(parseFullAddress(text)).toEqual(expected);
  });

  describe("without commas", () => {
    it.each([
      [
        "street type then city",
        "123 Main St Apt 4 Springfield IL 62701",
        { street: "123 Main St Apt 4", city: "Springfield", state: "IL", zip: "62701" },
      ],
      [
        "two street types in a row",
        "100 Grove Park Rd Atlanta GA 30318",
        { street: "100 Grove Park Rd", city: "Atlanta", state: "GA", zip: "30318" },
      ],
      [
        "city with a street word",
        "123 MAIN ST HIGHLAND PARK MI",
        { street: "123 MAIN ST", city: "HIGHLAND PARK", state: "MI", zip: null },
      ],
      ["street line alone", "715 N FREMONT AVE", { street: "715 N FREMONT AVE", city: null, state: null, zip: null }],
      ["court ending in CT", "110 WALKERS CT", { street: "110 WALKERS CT", city: null, state: null, zip: null }],
      ["direction ending in NE", "1240 I ST NE", { street: "1240 I ST NE", city: null, state: null, zip: null }],
      ["street word LA", "5432 S LA SALLE", { street: "5432 S LA SALLE", city: null, state: null, zip: null }],
      [
        "rear unit before city",
        "123 Main St Rear Detroit MI 48201",
        { street: "123 Main St Rear", city: "Detroit", state: "MI", zip: "48201" },
      ],
    ])("%s", (_case, text, expected) => {
      expect(parseFullAddress(text)).toEqual(expected);
    });
  });

  it("blank text gives an empty street", () => {
    expect(parseFullAddress("  ,  ")).toEqual({ street: "", city: null, state: null, zip: null });
  });
});
