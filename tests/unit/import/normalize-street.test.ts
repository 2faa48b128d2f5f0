import { describe, expect, it } from "vitest";
import { normalizeStreet } from "@/lib/import/normalize-street";

function normalizeValid(street: string): { display: string; key: string } {
  const result = normalizeStreet(street);
  if (!result.valid) {
    throw new Error(`expected "${street}" to be valid, got: ${result.reason}`);
  }
  return result;
}

function invalidReason(street: string): string {
  const result = normalizeStreet(street);
  if (result.valid) {
    throw new Error(`expected "${street}" to be invalid, got: ${result.display}`);
  }
  return result.reason;
}

describe("normalizeStreet display", () => {
  it.each([
    ["upper case", "4300 rosa parks blvd", "4300 ROSA PARKS BLVD"],
    ["collapsed spaces", "  2955   N  AVERS  ", "2955 N AVERS"],
    ["periods removed", "123 N. Main St.", "123 N MAIN ST"],
    ["street type abbreviated", "1275 W 72nd Place", "1275 W 72ND PL"],
    ["misspelled type abbreviated", "12 Elm Av", "12 ELM AVE"],
    ["leading direction abbreviated", "6402 North Capitol St NW", "6402 N CAPITOL ST NW"],
    ["trailing direction abbreviated", "123 Main Street Southeast", "123 MAIN ST SE"],
    ["direction that is the name kept", "123 North St", "123 NORTH ST"],
    ["type that is the name kept", "123 Avenue B", "123 AVENUE B"],
    ["letter street kept", "224 S St NE", "224 S ST NE"],
    ["unit with hash kept", "224 S St NE #2", "224 S ST NE #2"],
    ["unit designator abbreviated", "12 Elm St Apartment 4", "12 ELM ST APT 4"],
    ["rear building kept", "960 Rivertown Rd Rear", "960 RIVERTOWN RD REAR"],
    ["house number range", "8203 - 8209 Manor St", "8203-8209 MANOR ST"],
    ["fraction after a dash", "4605-1/2 Macarthur Blvd NW Unit B", "4605 1/2 MACARTHUR BLVD NW UNIT B"],
    ["fraction after a space", "3330 1/2 WOODLAND AVE", "3330 1/2 WOODLAND AVE"],
    ["house number with a letter", "123A Main St", "123A MAIN ST"],
    ["Queens hyphenated number", "89-12 161st Street", "89-12 161ST ST"],
    ["Wisconsin grid number", "N56W24790 Main St", "N56W24790 MAIN ST"],
    ["street without a type", "14512 sussex", "14512 SUSSEX"],
    ["FRONT inside a name kept", "100 N Front St", "100 N FRONT ST"],
    ["SPACE inside a name kept", "100 Outer Space Way", "100 OUTER SPACE WAY"],
    ["rear before a unit", "12 Elm St Rear Apartment 2", "12 ELM ST REAR APT 2"],
  ])("%s", (_case, street, expected) => {
    expect(normalizeValid(street).display).toBe(expected);
  });
});

describe("normalizeStreet key", () => {
  it.each([
    ["case and spacing", "1395 ANTIETAM Ave #57", "1395  antietam ave #57"],
    ["type spelled out", "1275 W 72ND PL", "1275 W 72ND PLACE"],
    ["direction spelled out", "6402 North Capitol St NW", "6402 N Capitol St NW"],
    ["unit designators", "1395 Antietam Ave #57", "1395 Antietam Ave Unit 57"],
    ["apartment and hash", "12 Elm St Apt 4", "12 Elm St # 4"],
    ["range and its first number", "8203 - 8209 Manor St", "8203 Manor St"],
    ["leading zeros", "0123 Main St", "123 Main St"],
    ["hyphen in the name", "14467 houston-whittier", "14467 HOUSTON WHITTIER"],
  ])("%s match", (_case, first, second) => {
    expect(normalizeValid(first).key).toBe(normalizeValid(second).key);
  });

  it.each([
    ["different units", "55 W Canfield St #314", "55 W Canfield St #303"],
    ["unit and no unit", "224 S St NE #2", "224 S St NE"],
    ["half address and whole", "3330 1/2 Woodland Ave", "3330 Woodland Ave"],
    ["Queens numbers", "89-12 161st St", "89-14 161st St"],
    ["post directions", "1240 I St NE", "1240 I St NW"],
  ])("%s differ", (_case, first, second) => {
    expect(normalizeValid(first).key).not.toBe(normalizeValid(second).key);
  });
});

describe("normalizeStreet validation", () => {
  it.each([
    ["street name only", "WALKERS CT"],
    ["zero", "0"],
    ["zero house number", "0 woodward ave"],
    ["ordinal street without number", "45th St"],
    ["blank", ""],
  ])("%s has no house number", (_case, street) => {
    expect(invalidReason(street)).toContain("no house number");
  });

  it("no house number reason names the photo", () => {
    expect(invalidReason("WALKERS CT")).toBe(
      'no house number in "WALKERS CT": a house must be identified to be photographed',
    );
  });

  it("six-digit house number", () => {
    expect(invalidReason("166245 appoline")).toContain("6 digits");
  });

  it("five-digit house number is valid", () => {
    expect(normalizeValid("20196 Monica St").display).toBe("20196 MONICA ST");
  });

  it("number without a street", () => {
    expect(invalidReason("123")).toContain("no street name");
  });

  it("placeholder street name", () => {
    expect(invalidReason("100  UNKNOWN ")).toContain('"UNKNOWN" is a placeholder');
  });
});
