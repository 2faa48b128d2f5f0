import { describe, expect, it } from "vitest";
import { type ParseUploadInput, type ParsedUpload, parseUpload } from "@/lib/import/parse-upload";
import { captureUploadError } from "./capture-upload-error";
import { utf16beWithBom, utf16leWithBom, utf8, utf8WithBom, windows1252 } from "./upload-bytes";

function iconvLe(text: string): Uint8Array {
  return utf16leWithBom(text).subarray(2);
}

function parseText(text: string, options: Partial<ParseUploadInput> = {}): ParsedUpload {
  return parseUpload({ bytes: utf8(text), fileName: "list.csv", maxRows: 1000, ...options });
}

function uploadErrorOf(text: string, options: Partial<ParseUploadInput> = {}) {
  return captureUploadError(() => parseText(text, options));
}

const separateHeader = "Address,City,State,Zip\n";

describe("parseUpload encodings", () => {
  const text = "Address,City,State,Zip\r\n12 Caf\u00e9 St,Detroit,MI,48208\r\n";

  it.each([
    ["UTF-8", utf8(text), "utf-8"],
    ["UTF-8 with BOM", utf8WithBom(text), "utf-8"],
    ["UTF-16 LE", utf16leWithBom(text), "utf-16le"],
    ["UTF-16 BE", utf16beWithBom(text), "utf-16be"],
    ["Windows-1252", windows1252(text), "windows-1252"],
  ])("%s", (_case, bytes, encoding) => {
    const parsed = parseUpload({ bytes, fileName: "list.csv", maxRows: 10 });
    expect(parsed.encoding).toBe(encoding);
    expect(parsed.header).toEqual(["Address", "City", "State", "Zip"]);
    expect(parsed.properties[0]?.street).toBe("12 Caf\u00e9 St");
    expect(parsed.properties[0]?.normalizedAddress).toBe("12 CAF\u00c9 ST, DETROIT, MI 48208");
  });

  it("Excel Unicode text with tabs", () => {
    const bytes = utf16leWithBom("Address\tCity\tState\r\n1 Main St\tDetroit\tMI\r\n");
    const parsed = parseUpload({ bytes, fileName: "list.txt", maxRows: 10 });
    expect(parsed.properties[0]?.normalizedAddress).toBe("1 MAIN ST, DETROIT, MI");
  });

  it("binary file rejected", () => {
    const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]);
    const error = captureUploadError(() => parseUpload({ bytes, fileName: "list.xlsx", maxRows: 10 }));
    expect(error.code).toBe("not_text");
  });
});

describe("parseUpload records", () => {
  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["bare CR", "\r"],
  ])("%s line endings", (_case, ending) => {
    const text = ["Address,City,State", "1 Main St,Detroit,MI", "2 Main St,Detroit,MI", ""].join(ending);
    const parsed = parseText(text);
    expect(parsed.properties.map((property) => property.rowNumber)).toEqual([1, 2]);
  });

  it("quoted newline stays in one record", () => {
    const text = `Address,Notes,City,State\n"1 Main St","boarded\r\nwindows",Detroit,MI\n2 Main St,,Detroit,MI\n`;
    const parsed = parseText(text);
    expect(parsed.properties.map((property) => property.rowNumber)).toEqual([1, 2]);
    expect(parsed.properties[0]?.cells[1]).toBe("boarded\r\nwindows");
  });

  it("quoted comma and doubled quotes", () => {
    const text = `Address,Owner,City,State\n1 Main St,"Smith, ""Bo"" LLC",Detroit,MI\n`;
    expect(parseText(text).properties[0]?.cells[1]).toBe('Smith, "Bo" LLC');
  });

  it("header kept as written", () => {
    const parsed = parseText("Parcel  Class , Address ,City,State\nR3,1 Main St,Detroit,MI\n");
    expect(parsed.header).toEqual(["Parcel  Class ", " Address ", "City", "State"]);
    expect(parsed.mapping.street).toBe(1);
  });

  it("short record padded", () => {
    const parsed = parseText("Address,City,State,Notes\n1 Main St,Detroit,MI\n");
    expect(parsed.properties[0]?.cells).toEqual(["1 Main St", "Detroit", "MI", ""]);
  });

  it("long record truncated", () => {
    const parsed = parseText("Address,City,State\n1 Main St,Detroit,MI,extra,more\n");
    expect(parsed.properties[0]?.cells).toEqual(["1 Main St", "Detroit", "MI"]);
  });

  it("blank rows counted and numbered", () => {
    const text = `${separateHeader}1 Main St,Detroit,MI,48208\n\n,,,\n  , ,,\n2 Main St,Detroit,MI,48208\n`;
    const parsed = parseText(text);
    expect(parsed.blankRows).toBe(3);
    expect(parsed.invalid).toEqual([]);
    expect(parsed.properties.map((property) => property.rowNumber)).toEqual([1, 5]);
    expect(parsed.dataRowCount).toBe(2);
  });

  it("blank lines before header skipped", () => {
    const parsed = parseText(`\n\n${separateHeader}1 Main St,Detroit,MI,48208\n`);
    expect(parsed.header).toEqual(["Address", "City", "State", "Zip"]);
    expect(parsed.properties[0]?.rowNumber).toBe(1);
  });
});

describe("parseUpload whole-file errors", () => {
  it.each([
    ["zero bytes", ""],
    ["whitespace only", "  \r\n\t\n"],
    ["blank records only", ",,,\n,,\n"],
  ])("%s is empty_file", (_case, text) => {
    expect(uploadErrorOf(text).code).toBe("empty_file");
  });

  it("BOM only is empty_file", () => {
    const error = captureUploadError(() => parseUpload({ bytes: utf8WithBom(""), fileName: "list.csv", maxRows: 10 }));
    expect(error.code).toBe("empty_file");
  });

  it("empty_file names the file", () => {
    expect(uploadErrorOf("").message).toContain('"list.csv" is empty');
  });

  it.each([
    ["header only", separateHeader],
    ["header and blank rows", `${separateHeader}\n,,,\n`],
  ])("%s is header_only", (_case, text) => {
    expect(uploadErrorOf(text).code).toBe("header_only");
  });

  it("too_many_rows names count and limit", () => {
    const rows = Array.from({ length: 1201 }, (_, index) => `${index + 1} Main St,Detroit,MI,48208`).join("\n");
    const error = uploadErrorOf(`${separateHeader}${rows}\n`);
    expect(error.code).toBe("too_many_rows");
    expect(error.message).toContain("1,201 address rows");
    expect(error.message).toContain("limit of 1,000");
  });

  it("blank rows do not count toward maxRows", () => {
    const parsed = parseText(`${separateHeader}1 Main St,Detroit,MI,48208\n,,,\n,,,\n`, { maxRows: 1 });
    expect(parsed.properties).toHaveLength(1);
  });

  it("exactly maxRows accepted", () => {
    const parsed = parseText(`${separateHeader}1 Main St,Detroit,MI,48208\n2 Main St,Detroit,MI,48208\n`, { maxRows: 2 });
    expect(parsed.dataRowCount).toBe(2);
  });

  it("too_many_columns above 500", () => {
    const header = ["Address", ...Array.from({ length: 500 }, (_, index) => `c${index}`)].join(",");
    const error = uploadErrorOf(`${header}\n1 Main St\n`);
    expect(error.code).toBe("too_many_columns");
    expect(error.message).toContain("501 columns");
  });

  it("500 columns accepted", () => {
    const header = ["Address", "City", "State", ...Array.from({ length: 497 }, (_, index) => `c${index}`)].join(",");
    expect(parseText(`${header}\n1 Main St,Detroit,MI\n`).header).toHaveLength(500);
  });

  it("no_address_column lists the headers", () => {
    const error = uploadErrorOf("Name,Phone\nBo,555\n");
    expect(error.code).toBe("no_address_column");
    expect(error.message).toContain('"Name", "Phone"');
  });

  it("PDF is not_text, not no_address_column", () => {
    const error = uploadErrorOf("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
    expect(error.code).toBe("not_text");
    expect(error.message).toContain('"list.csv" is a PDF');
    expect(error.message).not.toContain("No address column");
  });

  it("unclosed quote is malformed_csv", () => {
    expect(uploadErrorOf(`${separateHeader}"1 Main St,Detroit,MI,48208\n`).code).toBe("malformed_csv");
  });

  it("maxRows must be positive", () => {
    expect(() => parseText(`${separateHeader}1 Main St,Detroit,MI,48208\n`, { maxRows: 0 })).toThrow();
  });
});

describe("parseUpload city and state", () => {
  const streetOnly = "fullAddress,neighborhood\n715 N FREMONT AVE,UPTON\n626 N KENWOOD AVE,MCELDERRY PARK\n";

  it("street-only file without defaults", () => {
    const error = uploadErrorOf(streetOnly);
    expect(error.code).toBe("missing_city_state");
    expect(error.message).toContain('column "fullAddress"');
    expect(error.message).toContain("but no city or state.");
    expect(error.message).toContain("city and state for the whole file");
  });

  it("street-only file with a city but no state", () => {
    const error = uploadErrorOf(streetOnly, { defaults: { city: "Baltimore" } });
    expect(error.code).toBe("missing_city_state");
    expect(error.message).toContain('column "fullAddress" and the city "Baltimore" but no state.');
    expect(error.message).toContain("Enter the state for the whole file");
    expect(error.message).not.toContain("no city");
  });

  it("street-only file with a state but no city", () => {
    const error = uploadErrorOf(streetOnly, { defaults: { state: "Maryland" } });
    expect(error.code).toBe("missing_city_state");
    expect(error.message).toContain('column "fullAddress" and the state MD but no city.');
    expect(error.message).toContain("Enter the city for the whole file");
    expect(error.message).not.toContain("no state");
  });

  it("street-only file with blank defaults", () => {
    expect(uploadErrorOf(streetOnly, { defaults: { city: " ", state: "" } }).code).toBe("missing_city_state");
  });

  it("street-only file with defaults", () => {
    const parsed = parseText(streetOnly, { defaults: { city: "Baltimore", state: "Maryland" } });
    expect(parsed.layout).toBe("single_column");
    expect(parsed.needsCityState).toBe(true);
    expect(parsed.properties[0]).toMatchObject({
      street: "715 N FREMONT AVE",
      city: "Baltimore",
      state: "MD",
      zip: null,
      normalizedAddress: "715 N FREMONT AVE, BALTIMORE, MD",
    });
  });

  it("invalid default state rejected", () => {
    const error = uploadErrorOf(streetOnly, { defaults: { city: "Baltimore", state: "Marylandia" } });
    expect(error.code).toBe("invalid_default_state");
    expect(error.message).toContain('"Marylandia"');
  });

  it("defaults fill only empty cells", () => {
    const text = `${separateHeader}1 Main St,Dearborn,MI,48126\n2 Main St,,,48208\n`;
    const parsed = parseText(text, { defaults: { city: "Detroit", state: "MI" } });
    expect(parsed.properties.map((property) => property.city)).toEqual(["Dearborn", "Detroit"]);
    expect(parsed.needsCityState).toBe(false);
  });

  it("rows missing city invalid", () => {
    const parsed = parseText(`${separateHeader}1 Main St,Detroit,MI,48208\n2 Main St,,MI,48208\n3 Main St,,,\n`);
    expect(parsed.properties).toHaveLength(1);
    expect(parsed.invalid).toEqual([
      {
        rowNumber: 2,
        reason: 'city missing for "2 Main St": fill in column "City", or enter a city and state for the whole file',
      },
      {
        rowNumber: 3,
        reason:
          'city and state missing for "3 Main St": fill in column "City" and "State", or enter a city and state for the whole file',
      },
    ]);
    expect(parsed.needsCityState).toBe(true);
  });

  it("state column with full names", () => {
    expect(parseText(`${separateHeader}1 Main St,Detroit,michigan,48208\n`).properties[0]?.state).toBe("MI");
  });

  it("invalid state in column", () => {
    const parsed = parseText(`${separateHeader}1 Main St,Detroit,XX,48208\n`);
    expect(parsed.invalid[0]?.reason).toBe(
      'state "XX" in column "State" is not a US state; write a 2-letter code such as MI or a full name',
    );
  });

  it("full address in street column", () => {
    const parsed = parseText(`${separateHeader}"1 Main St, Detroit, MI 48208",,,\n`);
    expect(parsed.properties[0]).toMatchObject({ street: "1 Main St", city: "Detroit", state: "MI", zip: "48208" });
  });
});

describe("parseUpload full-address column", () => {
  it.each([
    ["4300 rosa parks blvd, Detroit MI 48208", "4300 rosa parks blvd", "Detroit", "MI", "48208"],
    ["14512 sussex, Detroit MI", "14512 sussex", "Detroit", "MI", null],
    ["1124 45th Pl SE, Washington, DC 20019", "1124 45th Pl SE", "Washington", "DC", "20019"],
    ["224 S St NE #2, Washington, DC 20002-1234", "224 S St NE #2", "Washington", "DC", "20002-1234"],
  ])("%s", (address, street, city, state, zip) => {
    const parsed = parseText(`address,lat,lon\n"${address}",,\n`);
    expect(parsed.layout).toBe("single_column");
    expect(parsed.properties[0]).toMatchObject({ street, city, state, zip });
  });

  it("normalizedAddress with ZIP", () => {
    const parsed = parseText(`address\n"4300 rosa parks blvd, Detroit MI 48208"\n`);
    expect(parsed.properties[0]?.normalizedAddress).toBe("4300 ROSA PARKS BLVD, DETROIT, MI 48208");
  });

  it("file of full addresses needs no defaults", () => {
    expect(parseText(`address\n"14512 sussex, Detroit MI"\n`).needsCityState).toBe(false);
  });

  it("some rows without city use defaults", () => {
    const parsed = parseText(`address\n"14512 sussex, Detroit MI"\n3456 garland\n`, { defaults: { city: "Detroit", state: "MI" } });
    expect(parsed.properties.map((property) => property.normalizedAddress)).toEqual([
      "14512 SUSSEX, DETROIT, MI",
      "3456 GARLAND, DETROIT, MI",
    ]);
  });
});

describe("parseUpload ZIPs", () => {
  it.each([
    ["leading zero restored", "2134", "02134"],
    ["spreadsheet decimal", "2134.0", "02134"],
    ["ZIP+4 with space", "48207 4242", "48207-4242"],
    ["ZIP+4 with dash", "48207-4242", "48207-4242"],
    ["junk dropped", "N/A", null],
    ["blank", "", null],
  ])("%s", (_case, zip, expected) => {
    const parsed = parseText(`${separateHeader}1 Main St,Boston,MA,${zip}\n`);
    expect(parsed.invalid).toEqual([]);
    expect(parsed.properties[0]?.zip).toBe(expected);
  });

  it("ZIP+4 in normalizedAddress", () => {
    const parsed = parseText(`${separateHeader}2900 E JEFFERSON Ave Unit C6A,Detroit,MI,48207 4242\n`);
    expect(parsed.properties[0]?.normalizedAddress).toBe("2900 E JEFFERSON AVE UNIT C6A, DETROIT, MI 48207-4242");
  });
});

describe("parseUpload invalid rows", () => {
  it("one-cell notice row", () => {
    const header = "SALE TYPE,ADDRESS,CITY,STATE OR PROVINCE,ZIP OR POSTAL CODE\n";
    const notice = '"In accordance with local MLS rules, some MLS listings are not included in the download"\n';
    const parsed = parseText(`${header}${notice}PAST SALE,1124 45th Pl SE,Washington,DC,20019\n`);
    expect(parsed.layout).toBe("redfin");
    expect(parsed.invalid).toHaveLength(1);
    expect(parsed.invalid[0]?.rowNumber).toBe(1);
    expect(parsed.invalid[0]?.reason).toContain('not a property row: it contains only "In accordance with local MLS rules');
  });

  it("empty street", () => {
    const parsed = parseText(`${separateHeader},Detroit,MI,48205\n`);
    expect(parsed.invalid).toEqual([{ rowNumber: 1, reason: 'no street address in column "Address"' }]);
  });

  it.each([
    ["street name only", "WALKERS CT"],
    ["zero", "0"],
  ])("%s has no house number", (_case, street) => {
    const parsed = parseText(`${separateHeader}${street},Atlanta,GA,30318\n`);
    expect(parsed.invalid[0]?.reason).toBe(
      `no house number in "${street}": a house must be identified to be photographed`,
    );
  });

  it.each([
    ["range", "8203 - 8209 Manor St", "8203-8209 MANOR ST, DETROIT, MI 48204"],
    ["fraction", "4605-1/2 Macarthur Blvd NW Unit B", "4605 1/2 MACARTHUR BLVD NW UNIT B, DETROIT, MI 48204"],
  ])("house number %s stays valid", (_case, street, normalizedAddress) => {
    const parsed = parseText(`${separateHeader}${street},Detroit,MI,48204\n`);
    expect(parsed.properties[0]?.normalizedAddress).toBe(normalizedAddress);
  });
});

describe("parseUpload unreadable characters", () => {
  const rows = (count: number) => Array.from({ length: count }, (_, index) => `${index + 1} Caf\u00e9 St,Detroit,MI,48208\n`);

  it("UTF-8 row with a stray byte set aside by number", () => {
    const lines = rows(9);
    const bytes = Uint8Array.from([
      ...utf8(separateHeader + lines.slice(0, 6).join("")),
      ...utf8("7 Main"),
      0xff,
      ...utf8(" St,Detroit,MI,48208\n"),
      ...utf8(lines.slice(7).join("")),
    ]);
    const parsed = parseUpload({ bytes, fileName: "list.csv", maxRows: 100 });
    expect(parsed.encoding).toBe("utf-8");
    expect(parsed.properties.map((property) => property.rowNumber)).toEqual([1, 2, 3, 4, 5, 6, 8, 9]);
    expect(parsed.invalid).toHaveLength(1);
    expect(parsed.invalid[0]?.rowNumber).toBe(7);
    expect(parsed.invalid[0]?.reason).toContain('unreadable characters in column "Address"');
    expect(parsed.invalid[0]?.reason).toContain("not valid UTF-8");
  });

  it("UTF-16 row with a lone surrogate set aside by number", () => {
    const good = utf16leWithBom(separateHeader + rows(2).join(""));
    const bad = iconvLe("3 Main St,Detroit,MI,48208 ");
    const bytes = Uint8Array.from([...good, ...bad, 0x00, 0xdc, ...iconvLe("\n4 Oak St,Detroit,MI,48208\n")]);
    const parsed = parseUpload({ bytes, fileName: "list.csv", maxRows: 100 });
    expect(parsed.encoding).toBe("utf-16le");
    expect(parsed.properties.map((property) => property.rowNumber)).toEqual([1, 2, 4]);
    expect(parsed.invalid[0]?.rowNumber).toBe(3);
    expect(parsed.invalid[0]?.reason).toContain('column "Zip"');
    expect(parsed.invalid[0]?.reason).toContain("not valid UTF-16");
  });
});

describe("parseUpload duplicates", () => {
  it("same address, spelling and ZIP+4 differ", () => {
    const text = `${separateHeader}1395 Antietam Ave #57,Detroit,MI,48207\n1395 ANTIETAM Ave #57,Detroit,MI,48207 2875\n`;
    const parsed = parseText(text);
    expect(parsed.properties.map((property) => property.rowNumber)).toEqual([1]);
    expect(parsed.duplicates).toEqual([{ rowNumber: 2, duplicateOfRow: 1 }]);
  });

  it("same city and state, ZIP differs", () => {
    const parsed = parseText(`address\n"6354 brace, Detroit MI 48228"\n"6354 brace, Detroit MI 48229"\n`);
    expect(parsed.duplicates).toEqual([{ rowNumber: 2, duplicateOfRow: 1 }]);
  });

  it("same ZIP, city spelled differently", () => {
    const parsed = parseText(`${separateHeader}11345 Moran St,Hamtramck,MI,48212\n11345 Moran Street,Detroit,MI,48212\n`);
    expect(parsed.duplicates).toEqual([{ rowNumber: 2, duplicateOfRow: 1 }]);
  });

  it("suffix and direction spelled out", () => {
    const parsed = parseText(`${separateHeader}1275 W 72nd Pl,Chicago,IL,\n1275 West 72nd Place,Chicago,IL,\n`);
    expect(parsed.duplicates).toEqual([{ rowNumber: 2, duplicateOfRow: 1 }]);
  });

  it("range matches its first number", () => {
    const parsed = parseText(`${separateHeader}8203 - 8209 Manor St,Detroit,MI,48204\n8203 Manor St,Detroit,MI,48204\n`);
    expect(parsed.duplicates).toEqual([{ rowNumber: 2, duplicateOfRow: 1 }]);
  });

  it("third spelling found through the second", () => {
    const text = `${separateHeader}10 Oak St,Hamtramck,MI,48212\n10 Oak St,Detroit,MI,48212\n10 Oak St,Detroit,MI,48211\n`;
    expect(parseText(text).duplicates).toEqual([
      { rowNumber: 2, duplicateOfRow: 1 },
      { rowNumber: 3, duplicateOfRow: 1 },
    ]);
  });

  it.each([
    ["different units", "55 W Canfield St #314", "55 W Canfield St #303", "Detroit", "Detroit"],
    ["different cities and ZIPs", "10 Oak St", "10 Oak St", "Detroit", "Dearborn"],
    ["different post directions", "1240 I St NE", "1240 I St NW", "Detroit", "Detroit"],
  ])("%s are not duplicates", (_case, firstStreet, secondStreet, firstCity, secondCity) => {
    const zips = firstCity === secondCity ? ["48201", "48201"] : ["48201", "48126"];
    const text = `${separateHeader}${firstStreet},${firstCity},MI,${zips[0]}\n${secondStreet},${secondCity},MI,${zips[1]}\n`;
    const parsed = parseText(text);
    expect(parsed.duplicates).toEqual([]);
    expect(parsed.properties).toHaveLength(2);
  });

  it("counts add up", () => {
    const text = `${separateHeader}1 Main St,Detroit,MI,\n1 Main St,Detroit,MI,\nMAIN ST,Detroit,MI,\n,,,\n`;
    const parsed = parseText(text);
    expect(parsed.properties.length + parsed.invalid.length + parsed.duplicates.length).toBe(parsed.dataRowCount);
    expect(parsed.blankRows).toBe(1);
  });
});

describe("parseUpload coordinates", () => {
  const header = "Address,City,State,Latitude,Longitude\n";

  it("valid coordinates kept", () => {
    const parsed = parseText(`${header}1 Main St,Detroit,MI,42.346169,-83.079962\n`);
    expect(parsed.properties[0]).toMatchObject({ latitude: 42.346169, longitude: -83.079962 });
  });

  it.each([
    ["out of range", "142.3", "-83.07"],
    ["zero zero", "0", "0"],
    ["blank", "", ""],
    ["text", "n/a", "n/a"],
  ])("%s ignored", (_case, latitude, longitude) => {
    const parsed = parseText(`${header}1 Main St,Detroit,MI,${latitude},${longitude}\n`);
    expect(parsed.properties[0]).toMatchObject({ latitude: null, longitude: null });
  });

  it("packed location used", () => {
    const text = 'fullAddress,Location 1\n715 N FREMONT AVE,"(39.2973522251, -76.6331659571)"\n';
    const parsed = parseText(text, { defaults: { city: "Baltimore", state: "MD" } });
    expect(parsed.mapping.packedLocation).toBe(1);
    expect(parsed.properties[0]).toMatchObject({ latitude: 39.2973522251, longitude: -76.6331659571 });
  });
});

describe("parseUpload excluded cells", () => {
  const text = `${separateHeader}12 Oak St,Detroit,MI,48208\n,Detroit,MI,48205\n\n12 OAK STREET,Detroit,MI,48208,extra\n`;
  const parsed = parseText(text);

  it("keeps cells of rejected and repeated rows", () => {
    expect(parsed.excludedCells).toEqual([
      { rowNumber: 2, cells: ["", "Detroit", "MI", "48205"] },
      { rowNumber: 4, cells: ["12 OAK STREET", "Detroit", "MI", "48208"] },
    ]);
  });

  it("counts blank rows in row numbers", () => {
    expect(parsed.invalid.map((row) => row.rowNumber)).toEqual([2]);
    expect(parsed.duplicates).toEqual([{ rowNumber: 4, duplicateOfRow: 1 }]);
    expect(parsed.blankRows).toBe(1);
  });
});

describe("parseUpload addressKey", () => {
  it("is the same for one house spelled differently, with or without a ZIP", () => {
    const first = parseText("Street,City,State,ZIP\n715 N Fremont Ave,Baltimore,MD,21201\n");
    const second = parseText("Street,City,State\n715 n. fremont avenue,BALTIMORE,md\n");
    expect(first.properties[0]?.addressKey).toBeDefined();
    expect(second.properties[0]?.addressKey).toBe(first.properties[0]?.addressKey);
  });

  it("differs for another house or another city", () => {
    const parsed = parseText("Street,City,State\n715 N Fremont Ave,Baltimore,MD\n717 N Fremont Ave,Baltimore,MD\n715 N Fremont Ave,Towson,MD\n");
    const keys = parsed.properties.map((property) => property.addressKey);
    expect(new Set(keys).size).toBe(3);
  });
});
