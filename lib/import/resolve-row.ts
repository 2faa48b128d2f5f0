import { type TextEncoding, unreadableCharacter } from "@/lib/import/decode-text";
import type { ColumnMapping, UploadLayout } from "@/lib/import/detect-columns";
import { normalizeStreet } from "@/lib/import/normalize-street";
import { toZip5, normalizeZip } from "@/lib/import/normalize-zip";
import { type ParsedAddress, parseFullAddress } from "@/lib/import/parse-address";
import { type Coordinates, parseCoordinatePair, parsePackedLocation } from "@/lib/import/parse-coordinates";
import { normalizeState } from "@/lib/import/us-states";

/** City and state that fill the rows that give none, already validated. */
export type LocalityDefaults = { city: string | null; state: string | null };

export type RowContext = {
  header: string[];
  layout: UploadLayout;
  mapping: ColumnMapping;
  defaults: LocalityDefaults;
  /** Encoding the file was read in, named when a row holds bytes invalid in it. */
  encoding: TextEncoding;
};

export type ResolvedAddress = {
  street: string;
  city: string;
  state: string;
  zip: string | null;
  normalizedAddress: string;
  latitude: number | null;
  longitude: number | null;
  /** Keys that make two rows the same house: the street key with the ZIP5, and with the city and state. */
  duplicateKeys: string[];
};

export type RowOutcome =
  | { kind: "blank" }
  | { kind: "invalid"; reason: string; missingLocality: boolean }
  | { kind: "property"; address: ResolvedAddress };

/** Maximum length of a stray cell quoted back in a reason, in characters. */
const maxQuotedLength = 60;

/**
 * Resolves one data record, padded to the header width, into an address or a customer-facing
 * reason why it cannot be photographed. Columns win over a one-cell address, which wins over
 * the defaults. `ownLocality` reports whether the file itself gave a city or a state, so the
 * caller can tell a street-only file. A row holding bytes that are invalid in the file's
 * encoding is set aside whole, naming the column, because its address may be misread.
 */
export function resolveRow(cells: string[], context: RowContext): RowOutcome & { ownLocality: boolean } {
  const { header, mapping } = context;
  if (cells.every((cell) => cell.trim() === "")) {
    return { kind: "blank", ownLocality: false };
  }

  const unreadableIndex = cells.findIndex((cell) => cell.includes(unreadableCharacter));
  if (unreadableIndex !== -1) {
    const reason = describeUnreadableCell(cells[unreadableIndex] ?? "", header, unreadableIndex, context.encoding);
    return { kind: "invalid", reason, missingLocality: false, ownLocality: false };
  }

  const columnCity = collapseSpaces(cellAt(cells, mapping.city));
  const columnState = cellAt(cells, mapping.state);
  const streetCell = cellAt(cells, mapping.street);
  if (streetCell === "") {
    const reason = describeMissingStreet(cells, header, mapping.street);
    return { kind: "invalid", reason, missingLocality: false, ownLocality: columnCity !== "" || columnState !== "" };
  }

  const parsed = readStreetCell(streetCell, context.layout);
  const ownLocality = columnCity !== "" || columnState !== "" || parsed.city !== null || parsed.state !== null;
  const withOwnLocality = (outcome: RowOutcome) => ({ ...outcome, ownLocality });

  const street = normalizeStreet(parsed.street);
  if (!street.valid) {
    return withOwnLocality({ kind: "invalid", reason: street.reason, missingLocality: false });
  }

  let stateFromColumn: string | null = null;
  if (columnState !== "") {
    stateFromColumn = normalizeState(columnState);
    if (stateFromColumn === null) {
      const column = columnName(header, mapping.state);
      return withOwnLocality({
        kind: "invalid",
        reason: `state "${columnState}" in column ${column} is not a US state; write a 2-letter code such as MI or a full name`,
        missingLocality: false,
      });
    }
  }

  const city = columnCity || parsed.city || context.defaults.city;
  const state = stateFromColumn ?? parsed.state ?? context.defaults.state;
  if (city === null || state === null) {
    return withOwnLocality({
      kind: "invalid",
      reason: describeMissingLocality(parsed.street, city === null, state === null, header, mapping),
      missingLocality: true,
    });
  }

  const zip = normalizeZip(cellAt(cells, mapping.zip)) ?? parsed.zip;
  const coordinates = readCoordinates(cells, mapping);
  const cityDisplay = city.toUpperCase().replace(/\./g, "").replace(/\s+/g, " ").trim();
  const cityKey = cityDisplay.replace(/[^A-Z0-9]+/g, " ").trim();

  const duplicateKeys = [`${street.key}|${cityKey}|${state}`];
  if (zip !== null) {
    duplicateKeys.push(`${street.key}|${toZip5(zip)}`);
  }

  return withOwnLocality({
    kind: "property",
    address: {
      street: collapseSpaces(parsed.street),
      city,
      state,
      zip,
      normalizedAddress: `${street.display}, ${cityDisplay}, ${state}${zip === null ? "" : ` ${zip}`}`,
      latitude: coordinates?.latitude ?? null,
      longitude: coordinates?.longitude ?? null,
      duplicateKeys,
    },
  });
}

/**
 * Reads the street cell. In a single-column file it is a full address. Beside city and state
 * columns it is a street line, but a full address there is split too when a state is found,
 * so "123 Main St, Springfield, IL" still yields "123 Main St".
 */
function readStreetCell(streetCell: string, layout: UploadLayout): ParsedAddress {
  if (layout === "single_column") {
    return parseFullAddress(streetCell);
  }

  if (streetCell.includes(",")) {
    const parsed = parseFullAddress(streetCell);
    if (parsed.state !== null) {
      return parsed;
    }
  }

  return { street: streetCell, city: null, state: null, zip: null };
}

function readCoordinates(cells: string[], mapping: ColumnMapping): Coordinates | null {
  if (mapping.latitude !== undefined && mapping.longitude !== undefined) {
    return parseCoordinatePair(cellAt(cells, mapping.latitude), cellAt(cells, mapping.longitude));
  }

  if (mapping.packedLocation !== undefined) {
    return parsePackedLocation(cellAt(cells, mapping.packedLocation));
  }

  return null;
}

function describeMissingStreet(cells: string[], header: string[], streetIndex: number): string {
  const filled = cells.map((cell) => cell.trim()).filter((cell) => cell !== "");
  const column = columnName(header, streetIndex);

  // A row with one long cell is a note such as Redfin's "In accordance with local MLS rules...".
  const only = filled.length === 1 ? filled[0] : undefined;
  if (only !== undefined) {
    const quoted = only.length > maxQuotedLength ? `${only.slice(0, maxQuotedLength)}...` : only;
    return `not a property row: it contains only "${quoted}" and no address in column ${column}`;
  }

  return `no street address in column ${column}`;
}

const encodingNames: Record<TextEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16",
  "utf-16be": "UTF-16",
  "windows-1252": "Windows-1252",
};

function describeUnreadableCell(cell: string, header: string[], index: number, encoding: TextEncoding): string {
  const trimmed = collapseSpaces(cell);
  const quoted = trimmed.length > maxQuotedLength ? `${trimmed.slice(0, maxQuotedLength)}...` : trimmed;
  return (
    `unreadable characters in column ${columnName(header, index)} ("${quoted}", where \u{FFFD} marks them): ` +
    `these bytes are not valid ${encodingNames[encoding]} text. Retype them in your spreadsheet, save as CSV UTF-8 and upload again`
  );
}

function describeMissingLocality(
  street: string,
  missingCity: boolean,
  missingState: boolean,
  header: string[],
  mapping: ColumnMapping,
): string {
  let missing = "city and state";
  if (!missingState) {
    missing = "city";
  } else if (!missingCity) {
    missing = "state";
  }

  const columns = [missingCity ? mapping.city : undefined, missingState ? mapping.state : undefined]
    .filter((index): index is number => index !== undefined)
    .map((index) => columnName(header, index));
  const where = columns.length > 0 ? `fill in column ${columns.join(" and ")}` : "add them to the address";

  return `${missing} missing for "${collapseSpaces(street)}": ${where}, or enter a city and state for the whole file`;
}

function cellAt(cells: string[], index: number | undefined): string {
  return index === undefined ? "" : (cells[index] ?? "").trim();
}

function columnName(header: string[], index: number | undefined): string {
  return `"${(index === undefined ? "" : (header[index] ?? "")).trim()}"`;
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
