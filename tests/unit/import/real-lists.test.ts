import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type ParseUploadInput, type ParsedUpload, parseUpload } from "@/lib/import/parse-upload";
import { captureUploadError } from "./capture-upload-error";

/** Public US property lists, each the first records of a real export, kept byte for byte. */
const realListsDirectory = fileURLToPath(new URL("../../../../shared/data/real-lists/", import.meta.url));

function readList(fileName: string): Uint8Array {
  return readFileSync(`${realListsDirectory}${fileName}`);
}

function parseList(fileName: string, defaults?: ParseUploadInput["defaults"]): ParsedUpload {
  return parseUpload({ bytes: readList(fileName), fileName, maxRows: 5000, defaults });
}

function property(parsed: ParsedUpload, rowNumber: number) {
  return parsed.properties.find((candidate) => candidate.rowNumber === rowNumber);
}

function counts(parsed: ParsedUpload) {
  return {
    properties: parsed.properties.length,
    invalid: parsed.invalid.length,
    duplicates: parsed.duplicates.length,
    blank: parsed.blankRows,
    data: parsed.dataRowCount,
  };
}

describe("Redfin sold export, Washington DC", () => {
  const parsed = parseList("redfin-sold-export-washington-dc.csv");

  it("layout and mapping", () => {
    expect(parsed.encoding).toBe("utf-8");
    expect(parsed.layout).toBe("redfin");
    expect(parsed.mapping).toEqual({ street: 3, city: 4, state: 5, zip: 6, latitude: 25, longitude: 26 });
  });

  it("counts", () => {
    expect(counts(parsed)).toEqual({ properties: 350, invalid: 1, duplicates: 0, blank: 0, data: 351 });
  });

  it("notice row invalid", () => {
    expect(parsed.invalid).toHaveLength(1);
    expect(parsed.invalid[0]?.rowNumber).toBe(1);
    expect(parsed.invalid[0]?.reason).toContain("In accordance with local MLS rules");
  });

  it("first sale", () => {
    expect(property(parsed, 2)).toMatchObject({
      street: "1124 45th Pl SE",
      city: "Washington",
      state: "DC",
      zip: "20019",
      normalizedAddress: "1124 45TH PL SE, WASHINGTON, DC 20019",
      latitude: 38.8775659,
      longitude: -76.9354206,
    });
  });

  it("unit written with hash", () => {
    expect(property(parsed, 3)?.normalizedAddress).toBe("224 S ST NE #2, WASHINGTON, DC 20002");
  });

  it("fractional house number valid", () => {
    expect(property(parsed, 20)?.normalizedAddress).toBe("4605 1/2 MACARTHUR BLVD NW UNIT B, WASHINGTON, DC 20007");
  });

  it("row outside DC kept", () => {
    expect(property(parsed, 41)).toMatchObject({ city: "Silver Spring", state: "MD", zip: "20910" });
  });

  it("every property has coordinates", () => {
    expect(parsed.properties.every((candidate) => candidate.latitude !== null && candidate.longitude !== null)).toBe(true);
  });

  it("needs no city and state", () => {
    expect(parsed.needsCityState).toBe(false);
  });
});

describe("Redfin active export, Detroit", () => {
  const parsed = parseList("redfin-active-export-detroit-mi.csv");

  it("layout and mapping", () => {
    expect(parsed.layout).toBe("redfin");
    expect(parsed.mapping).toEqual({ street: 3, city: 4, state: 5, zip: 6, latitude: 25, longitude: 26 });
  });

  it("counts", () => {
    expect(counts(parsed)).toEqual({ properties: 346, invalid: 1, duplicates: 3, blank: 0, data: 350 });
  });

  it("ZIP+4 joined by a space", () => {
    expect(property(parsed, 43)?.zip).toBe("48207-4242");
    expect(property(parsed, 43)?.cells[6]).toBe("48207 4242");
  });

  it("empty address with coordinates invalid", () => {
    expect(parsed.invalid).toEqual([{ rowNumber: 46, reason: 'no street address in column "ADDRESS"' }]);
  });

  it("same home spelled twice is a duplicate", () => {
    expect(property(parsed, 66)?.street).toBe("1395 Antietam Ave #57");
    expect(parsed.duplicates).toContainEqual({ rowNumber: 69, duplicateOfRow: 66 });
  });

  it("all duplicates", () => {
    expect(parsed.duplicates).toEqual([
      { rowNumber: 69, duplicateOfRow: 66 },
      { rowNumber: 236, duplicateOfRow: 235 },
      { rowNumber: 287, duplicateOfRow: 286 },
    ]);
  });

  it("house-number range valid", () => {
    expect(property(parsed, 23)?.normalizedAddress).toBe("8203-8209 MANOR ST, DETROIT, MI 48204");
  });
});

describe("Fulton County assessor sales", () => {
  const defaults = { city: "Atlanta", state: "GA" };
  const parsed = parseList("fulton-county-ga-assessor-sales.csv", defaults);

  it("BOM removed and headers kept as written", () => {
    expect(parsed.encoding).toBe("utf-8");
    expect(parsed.header[0]).toBe("Parcel ID");
    expect(parsed.header).toContain("Parcel  Class ");
    expect(parsed.header).toContain("Year  Built ");
  });

  it("layout and mapping", () => {
    expect(parsed.layout).toBe("single_column");
    expect(parsed.mapping).toEqual({ street: 1 });
  });

  it("counts", () => {
    expect(counts(parsed)).toEqual({ properties: 1027, invalid: 39, duplicates: 934, blank: 0, data: 2000 });
  });

  it("street without house number invalid", () => {
    expect(parsed.invalid[0]).toEqual({
      rowNumber: 5,
      reason: 'no house number in "LINCOLN ST SW": a house must be identified to be photographed',
    });
  });

  it("every invalid row lacks a house number", () => {
    expect(parsed.invalid.every((row) => row.reason.startsWith("no house number"))).toBe(true);
  });

  it("repeated sale is a duplicate", () => {
    expect(parsed.duplicates[0]).toEqual({ rowNumber: 2, duplicateOfRow: 1 });
  });

  it("defaults fill city and state", () => {
    expect(property(parsed, 1)?.normalizedAddress).toBe("110 WALKERS CT, ATLANTA, GA");
    expect(parsed.needsCityState).toBe(true);
  });

  it("without defaults asks for city and state", () => {
    const error = captureUploadError(() => parseList("fulton-county-ga-assessor-sales.csv"));
    expect(error.code).toBe("missing_city_state");
    expect(error.message).toContain('column "Address"');
  });
});

describe("Baltimore vacant buildings", () => {
  const parsed = parseList("baltimore-md-vacant-buildings.csv", { city: "Baltimore", state: "MD" });

  it("layout and mapping", () => {
    expect(parsed.layout).toBe("single_column");
    expect(parsed.mapping).toEqual({ street: 1, packedLocation: 5 });
  });

  it("counts", () => {
    expect(counts(parsed)).toEqual({ properties: 1998, invalid: 1, duplicates: 1, blank: 0, data: 2000 });
  });

  it("packed coordinates used", () => {
    expect(property(parsed, 1)).toMatchObject({
      normalizedAddress: "715 N FREMONT AVE, BALTIMORE, MD",
      latitude: 39.2973522251,
      longitude: -76.6331659571,
    });
  });

  it("every property has coordinates", () => {
    expect(parsed.properties.every((candidate) => candidate.latitude !== null)).toBe(true);
  });

  it("address 0 invalid", () => {
    expect(parsed.invalid).toEqual([
      { rowNumber: 1583, reason: 'no house number in "0": a house must be identified to be photographed' },
    ]);
  });

  it("repeated notice is a duplicate", () => {
    expect(parsed.duplicates).toEqual([{ rowNumber: 1087, duplicateOfRow: 1086 }]);
  });

  it("half address valid", () => {
    expect(property(parsed, 1025)?.normalizedAddress).toBe("3330 1/2 WOODLAND AVE, BALTIMORE, MD");
  });

  it("without defaults asks for city and state", () => {
    const error = captureUploadError(() => parseList("baltimore-md-vacant-buildings.csv"));
    expect(error.code).toBe("missing_city_state");
    expect(error.message).toContain('column "fullAddress"');
  });
});

describe("Chicago vacant building violations", () => {
  const parsed = parseList("chicago-il-vacant-building-violations.csv", { city: "Chicago", state: "IL" });

  it("layout and mapping", () => {
    expect(parsed.layout).toBe("single_column");
    expect(parsed.mapping).toEqual({ street: 5 });
    expect(parsed.header[5]).toBe("Property Address");
  });

  it("counts", () => {
    expect(counts(parsed)).toEqual({ properties: 347, invalid: 3, duplicates: 1650, blank: 0, data: 2000 });
  });

  it("trailing space removed", () => {
    expect(property(parsed, 1)).toMatchObject({ street: "2955 N AVERS", normalizedAddress: "2955 N AVERS, CHICAGO, IL" });
    expect(property(parsed, 1)?.cells[5]).toBe("2955 N AVERS ");
  });

  it("repeated case is a duplicate", () => {
    expect(parsed.duplicates[0]).toEqual({ rowNumber: 4, duplicateOfRow: 3 });
  });

  it("PLACE and PL are one address", () => {
    expect(parsed.duplicates).toContainEqual({ rowNumber: 516, duplicateOfRow: 511 });
  });

  it("UNKNOWN street invalid", () => {
    expect(parsed.invalid.map((row) => row.rowNumber)).toEqual([1803, 1805, 1807]);
    expect(parsed.invalid[0]?.reason).toBe('street name "UNKNOWN" is a placeholder, not an address');
  });
});

describe("Detroit blight ticket addresses", () => {
  const parsed = parseList("detroit-mi-blight-ticket-addresses.csv");

  it("layout and mapping", () => {
    expect(parsed.layout).toBe("single_column");
    expect(parsed.mapping).toEqual({ street: 0, latitude: 1, longitude: 2 });
  });

  it("counts", () => {
    expect(counts(parsed)).toEqual({ properties: 1994, invalid: 5, duplicates: 1, blank: 0, data: 2000 });
  });

  it("full address with ZIP", () => {
    expect(property(parsed, 1)).toMatchObject({
      street: "4300 rosa parks blvd",
      city: "Detroit",
      state: "MI",
      zip: "48208",
      normalizedAddress: "4300 ROSA PARKS BLVD, DETROIT, MI 48208",
      latitude: 42.346169,
      longitude: -83.079962,
    });
  });

  it("full address without ZIP", () => {
    expect(property(parsed, 2)).toMatchObject({ street: "14512 sussex", city: "Detroit", state: "MI", zip: null });
  });

  it("impossible and zero house numbers invalid", () => {
    expect(parsed.invalid.map((row) => row.rowNumber)).toEqual([115, 862, 1218, 1440, 1894]);
    expect(parsed.invalid[0]?.reason).toContain('"166245 appoline" has 6 digits');
    expect(parsed.invalid[2]?.reason).toContain('no house number in "0 atlanta"');
  });

  it("same street with another ZIP is a duplicate", () => {
    expect(parsed.duplicates).toEqual([{ rowNumber: 1134, duplicateOfRow: 1133 }]);
  });

  it("needs no city and state", () => {
    expect(parsed.needsCityState).toBe(false);
  });
});
