import { createRequire } from "node:module";
import { z } from "zod";

/**
 * Typed access to the `zipcodes` package (US ZIP and Canadian postal-code centroids). The
 * package ships no type declarations, so it is loaded with require and its results are parsed.
 */

const zipEntrySchema = z.object({
  zip: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  city: z.string(),
  state: z.string(),
  country: z.string(),
});

export type ZipEntry = z.infer<typeof zipEntrySchema>;

interface ZipcodesModule {
  lookup(zip: string): unknown;
  lookupByName(city: string, state: string): unknown;
  states: { full: Record<string, string>; abbr: Record<string, string> };
}

const zipcodes = loadZipcodes();

/** Returns the centroid entry of a five-digit US ZIP code, or null when the table has none. */
export function lookupZip(zip: string): ZipEntry | null {
  if (!/^\d{5}$/.test(zip)) {
    return null;
  }

  const parsed = zipEntrySchema.safeParse(zipcodes.lookup(zip));
  return parsed.success ? parsed.data : null;
}

/** Returns every ZIP entry of a city, matched case-insensitively, with `Saint`/`St` style aliases. */
export function lookupCity(city: string, stateCode: string): ZipEntry[] {
  for (const name of cityNameVariants(city)) {
    const entries = z.array(zipEntrySchema).safeParse(zipcodes.lookupByName(name, stateCode));
    if (entries.success && entries.data.length > 0) {
      return entries.data;
    }
  }

  return [];
}

/** Returns the two-letter code of a state or province given by code or full name, or null. */
export function normalizeStateCode(text: string): string | null {
  const upper = text.toUpperCase().replace(/\./g, "").replace(/\s+/g, " ").trim();
  if (upper.length === 2) {
    return upper in zipcodes.states.abbr ? upper : null;
  }
  return zipcodes.states.full[upper] ?? null;
}

function cityNameVariants(city: string): string[] {
  const cleaned = city.replace(/\./g, "").replace(/\s+/g, " ").trim();
  const variants = [cleaned];
  const abbreviations: Array<[RegExp, string]> = [
    [/^st /i, "Saint "],
    [/^ste /i, "Sainte "],
    [/^ft /i, "Fort "],
    [/^mt /i, "Mount "],
  ];

  for (const [pattern, replacement] of abbreviations) {
    if (pattern.test(cleaned)) {
      variants.push(cleaned.replace(pattern, replacement));
    }
  }

  return variants;
}

function loadZipcodes(): ZipcodesModule {
  const load = createRequire(import.meta.url);
  const loaded: unknown = load("zipcodes");

  if (!isZipcodesModule(loaded)) {
    throw new Error("The zipcodes package does not export lookup, lookupByName and states.");
  }
  return loaded;
}

function isZipcodesModule(value: unknown): value is ZipcodesModule {
  if (typeof value !== "object" || value === null) {
    return false;
  }

  const candidate = value as Record<string, unknown>;
  const states = candidate.states as Record<string, unknown> | undefined;
  return (
    typeof candidate.lookup === "function" &&
    typeof candidate.lookupByName === "function" &&
    typeof states?.full === "object" &&
    typeof states?.abbr === "object"
  );
}

/** Returns the full name of a state or province in title case, such as "District of Columbia". */
export function stateName(stateCode: string): string {
  const upper = zipcodes.states.abbr[stateCode.toUpperCase()];
  return upper ? toTitleCase(upper) : stateCode.toUpperCase();
}

/** Capitalizes each word except inner "of", "and" and "the", and lowercases the rest. */
export function toTitleCase(text: string): string {
  const minorWords = new Set(["of", "and", "the"]);
  return text
    .toLowerCase()
    .split(" ")
    .map((word, index) => (index > 0 && minorWords.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(" ");
}
