import { describe, expect, it } from "vitest";
import { parseCoordinatePair, parsePackedLocation } from "@/lib/import/parse-coordinates";

describe("parseCoordinatePair", () => {
  it("parses decimal degrees", () => {
    expect(parseCoordinatePair("42.346169", "-83.079962")).toEqual({ latitude: 42.346169, longitude: -83.079962 });
  });

  it("trims spaces", () => {
    expect(parseCoordinatePair(" 38.9 ", " -77.0 ")).toEqual({ latitude: 38.9, longitude: -77 });
  });

  it.each([
    ["blank latitude", "", "-83.07"],
    ["blank longitude", "42.34", ""],
    ["text", "north", "-83.07"],
    ["latitude above 90", "91", "-83.07"],
    ["latitude below -90", "-90.5", "-83.07"],
    ["longitude above 180", "42.34", "180.1"],
    ["longitude below -180", "42.34", "-181"],
    ["null island", "0", "0"],
    ["null island with decimals", "0.0", "0.000"],
    ["state plane feet", "1420000.5", "560000.2"],
  ])("%s is ignored", (_case, latitude, longitude) => {
    expect(parseCoordinatePair(latitude, longitude)).toBeNull();
  });

  it("keeps a zero latitude with a non-zero longitude", () => {
    expect(parseCoordinatePair("0", "-78.5")).toEqual({ latitude: 0, longitude: -78.5 });
  });
});

describe("parsePackedLocation", () => {
  it.each([
    ["Socrata parenthesized pair", "(39.2973522251, -76.6331659571)", { latitude: 39.2973522251, longitude: -76.6331659571 }],
    ["pair without parentheses", "39.29, -76.63", { latitude: 39.29, longitude: -76.63 }],
    ["pair with extra spaces", "( 39.29 ,  -76.63 )", { latitude: 39.29, longitude: -76.63 }],
    ["well-known text point, longitude first", "POINT (-76.63 39.29)", { latitude: 39.29, longitude: -76.63 }],
  ])("%s", (_case, text, expected) => {
    expect(parsePackedLocation(text)).toEqual(expected);
  });

  it.each([
    ["blank", ""],
    ["neighborhood name", "FORT DUPONT PARK"],
    ["address text", "123 Main St, Detroit"],
    ["null island", "(0, 0)"],
    ["out of range", "(139.29, -76.63)"],
  ])("%s is ignored", (_case, text) => {
    expect(parsePackedLocation(text)).toBeNull();
  });
});
