import {
  acceptedStreetHeaders,
  aliasesByRole,
  type ColumnRole,
  neutralQualifiers,
  normalizeHeaderName,
  otherPartyQualifiers,
  propertyQualifiers,
} from "@/lib/import/column-aliases";
import { parsePackedLocation } from "@/lib/import/parse-coordinates";
import { UploadError } from "@/lib/import/upload-error";

export type UploadLayout = "separate_columns" | "single_column" | "redfin";

/** Column indexes of the address parts. For `single_column`, `street` is the full-address column. */
export type ColumnMapping = {
  street: number;
  city?: number;
  state?: number;
  zip?: number;
  latitude?: number;
  longitude?: number;
  packedLocation?: number;
};

export type DetectedColumns = { layout: UploadLayout; mapping: ColumnMapping };

/** Records sampled when looking for a column of packed coordinates. */
const packedLocationSampleSize = 200;

const redfinHeaders = ["address", "city", "state or province", "zip or postal code"] as const;

type Candidate = { index: number; score: number; isOtherParty: boolean };

/**
 * Finds the address columns from the header cells, matching names without regard to case,
 * spacing or punctuation. When a file has several addresses, the property's own wins over
 * the owner's or the mailing one, and city, state and ZIP come from the same kind of column
 * as the street. `sampleRecords` are data records used to find a column of packed
 * coordinates such as "(39.29, -76.63)" when the file has no latitude and longitude columns.
 * Throws `no_address_column` naming the header cells seen.
 */
export function detectColumns(header: string[], sampleRecords: string[][], fileName: string): DetectedColumns {
  const names = header.map(normalizeHeaderName);

  const streetCandidate = pickBest(findCandidates(names, "street"), true);
  if (streetCandidate === undefined) {
    throw noAddressColumnError(header, fileName);
  }

  // A property street never pairs with a mailing city: other-party columns are used only
  // when the street itself comes from one.
  const allowOtherParty = streetCandidate.isOtherParty;
  const pick = (role: ColumnRole): number | undefined =>
    pickBest(findCandidates(names, role), allowOtherParty)?.index;

  const mapping: ColumnMapping = { street: streetCandidate.index };
  assignIfDefined(mapping, "city", pick("city"));
  assignIfDefined(mapping, "state", pick("state"));
  assignIfDefined(mapping, "zip", pick("zip"));

  const latitude = pick("latitude");
  const longitude = pick("longitude");
  if (latitude !== undefined && longitude !== undefined) {
    mapping.latitude = latitude;
    mapping.longitude = longitude;
  } else {
    assignIfDefined(mapping, "packedLocation", findPackedLocationColumn(header.length, sampleRecords, mapping));
  }

  return { layout: detectLayout(names, mapping), mapping };
}

function findCandidates(names: string[], role: ColumnRole): Candidate[] {
  const aliases = aliasesByRole[role];
  const candidates: Candidate[] = [];

  names.forEach((name, index) => {
    const words = name.split(" ").filter((word) => word !== "");
    const core = words.filter(
      (word) => !propertyQualifiers.has(word) && !otherPartyQualifiers.has(word) && !neutralQualifiers.has(word),
    );
    if (!aliases.includes(core.join(" "))) {
      return;
    }

    const isOtherParty = words.some((word) => otherPartyQualifiers.has(word));
    const propertyWords = words.filter((word) => propertyQualifiers.has(word)).length;
    candidates.push({ index, score: propertyWords, isOtherParty });
  });

  return candidates;
}

/** Picks the highest score, leftmost on a tie, and other-party columns only when nothing else matches. */
function pickBest(candidates: Candidate[], allowOtherParty: boolean): Candidate | undefined {
  let pool = candidates.filter((candidate) => !candidate.isOtherParty);
  if (pool.length === 0 && allowOtherParty) {
    pool = candidates;
  }

  let best: Candidate | undefined;
  for (const candidate of pool) {
    if (best === undefined || candidate.score > best.score) {
      best = candidate;
    }
  }
  return best;
}

function findPackedLocationColumn(width: number, sampleRecords: string[][], mapping: ColumnMapping): number | undefined {
  const used = new Set(Object.values(mapping));
  const sample = sampleRecords.slice(0, packedLocationSampleSize);

  let bestIndex: number | undefined;
  let bestMatches = 0;
  for (let index = 0; index < width; index += 1) {
    if (used.has(index)) {
      continue;
    }

    const values = sample.map((record) => record[index]?.trim() ?? "").filter((value) => value !== "");
    const matches = values.filter((value) => parsePackedLocation(value) !== null).length;

    // Most filled cells must parse, so a free-text column with one stray pair is not taken.
    if (matches * 2 >= values.length && matches > bestMatches) {
      bestIndex = index;
      bestMatches = matches;
    }
  }

  return bestIndex;
}

function detectLayout(names: string[], mapping: ColumnMapping): UploadLayout {
  const mapped = [mapping.street, mapping.city, mapping.state, mapping.zip].map((index) =>
    index === undefined ? undefined : names[index],
  );
  if (redfinHeaders.every((name, position) => mapped[position] === name)) {
    return "redfin";
  }

  if (mapping.city !== undefined || mapping.state !== undefined) {
    return "separate_columns";
  }

  return "single_column";
}

function assignIfDefined<K extends keyof ColumnMapping>(mapping: ColumnMapping, key: K, value: ColumnMapping[K]): void {
  if (value !== undefined) {
    mapping[key] = value;
  }
}

function noAddressColumnError(header: string[], fileName: string): UploadError {
  const listedHeaders = header.slice(0, 20).map((cell) => `"${cell.trim()}"`);
  const more = header.length > listedHeaders.length ? ` and ${header.length - listedHeaders.length} more` : "";
  const accepted = acceptedStreetHeaders.map((name) => `"${name}"`).join(", ");

  return new UploadError(
    "no_address_column",
    `No address column found in "${fileName}". The first row must name the columns, and it contains ` +
      `${listedHeaders.join(", ")}${more}. Name the column with the street address ${accepted} ` +
      "(a full address with city, state and ZIP in one column also works), then upload again.",
  );
}
