/**
 * Normalizes a ZIP code cell to text: "02134" for a ZIP or "48207-4242" for a ZIP+4.
 * Returns null for a blank or unusable value, so a bad ZIP never invalidates a row that has
 * a city and state.
 *
 * Spreadsheets store ZIPs as numbers, so the value may have lost leading zeros ("2134",
 * "21341234") or gained a decimal part ("2134.0"). Excel's text markers (a leading
 * apostrophe, or the `="02134"` formula) are removed. A ZIP+4 may be joined by a dash,
 * by spaces or not at all ("482074242").
 */
export function normalizeZip(value: string): string | null {
  const cleaned = stripSpreadsheetMarkers(value.trim());
  if (cleaned === "") {
    return null;
  }

  const plain = /^(\d{3,5})(?:\.0+)?$/.exec(cleaned);
  if (plain?.[1] !== undefined) {
    return formatZip(plain[1], null);
  }

  const withPlusFour = /^(\d{3,5})\s*[-\s]\s*(\d{4})$/.exec(cleaned);
  if (withPlusFour?.[1] !== undefined && withPlusFour[2] !== undefined) {
    return formatZip(withPlusFour[1], withPlusFour[2]);
  }

  // Nine digits without a separator, or seven and eight when a number column dropped
  // the leading zeros of a ZIP+4.
  const joined = /^(\d{7,9})(?:\.0+)?$/.exec(cleaned);
  if (joined?.[1] !== undefined) {
    const digits = joined[1].padStart(9, "0");
    return formatZip(digits.slice(0, 5), digits.slice(5));
  }

  return null;
}

/** Returns the five-digit ZIP of a value returned by `normalizeZip`. */
export function toZip5(zip: string): string {
  return zip.slice(0, 5);
}

function formatZip(zip: string, plusFour: string | null): string | null {
  const zip5 = zip.padStart(5, "0");
  if (zip5 === "00000") {
    return null;
  }

  // "0000" is not an assigned add-on code, so the ZIP+4 falls back to the plain ZIP.
  if (plusFour === null || plusFour === "0000") {
    return zip5;
  }

  return `${zip5}-${plusFour}`;
}

function stripSpreadsheetMarkers(value: string): string {
  const formula = /^="(.*)"$/.exec(value);
  if (formula?.[1] !== undefined) {
    return formula[1].trim();
  }

  if (value.startsWith("'")) {
    return value.slice(1).trim();
  }

  return value;
}
