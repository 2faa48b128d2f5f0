import { lookupCity, normalizeStateCode } from "./zip-table";

/** The parts of a free-form US address that the emulated geocoder understands. */
export interface ParsedAddress {
  /** Street line, lowercase with single spaces and without a unit designator. */
  streetLine: string | null;
  houseNumber: string | null;
  streetName: string | null;
  /** Unit designator such as "#2" or "unit b", lowercase. */
  unit: string | null;
  city: string | null;
  stateCode: string | null;
  zip: string | null;
}

const zipPattern = /^(\d{5})(?:-\d{4})?$/;
const plusFourPattern = /^\d{4}$/;
const countryPattern = /^(usa|us|u\.s\.a\.|u\.s\.|united states|united states of america)$/i;
/** A trailing unit: "#2", "# 2", "apt 3", "unit b", "ste. 200"; a designator needs a space before its value. */
const unitPattern = /\s+(#\s*[a-z0-9-]+|(?:apt|apartment|unit|ste|suite|fl|floor|rm|room)\.?\s+[a-z0-9-]+)$/i;
/** House numbers such as 4300, 12b, 4605-1/2, 8203 - 8209 and 123 1/2. */
const houseNumberPattern = /^(\d+[a-z]?(?:-\d+\/\d+|-\d+[a-z]?|\s*-\s*\d+[a-z]?)?(?:\s+\d\/\d)?)\s+(.+)$/i;
const maxCityWords = 4;
const maxStateWords = 4;

/**
 * Splits a one-line US address into street, city, state and ZIP. Commas separate parts when
 * present. Without commas, the longest trailing run of words before the state that names a
 * known city is taken as the city. Parts it cannot find are null.
 */
export function parseUsAddress(input: string): ParsedAddress {
  const segments = input
    .replace(/[\u0000-\u001f]+/g, " ")
    .split(",")
    .map((segment) => segment.replace(/\s+/g, " ").trim())
    .filter((segment) => segment !== "");

  while (segments.length > 1 && countryPattern.test(segments.at(-1) ?? "")) {
    segments.pop();
  }

  const located = locateState(segments) ?? locateZipOnly(segments);
  return { ...splitStreetLine(located.streetText), ...located.place };
}

interface LocatedPlace {
  streetText: string | null;
  place: Pick<ParsedAddress, "city" | "stateCode" | "zip">;
}

function locateState(segments: string[]): LocatedPlace | null {
  for (let index = segments.length - 1; index >= 0; index -= 1) {
    const words = (segments[index] ?? "").split(" ");
    const { zip, remaining } = takeTrailingZip(words);
    const state = takeTrailingState(remaining);
    if (!state) {
      continue;
    }

    const before = state.remaining;
    const earlier = segments.slice(0, index);
    const place = { stateCode: state.code, zip };

    if (before.length > 0 && earlier.length > 0) {
      return { streetText: earlier.join(" "), place: { ...place, city: before.join(" ") } };
    }
    if (before.length > 0) {
      const split = splitCityFromStreet(before, state.code);
      return { streetText: split.streetText, place: { ...place, city: split.city } };
    }
    if (earlier.length > 0) {
      // "4300 Rosa Parks Blvd, MI 48208": a part that starts with a number is a street, not a city.
      const last = earlier.at(-1) ?? "";
      if (/^\d/.test(last)) {
        return { streetText: earlier.join(" "), place: { ...place, city: null } };
      }
      const streetText = earlier.length > 1 ? earlier.slice(0, -1).join(" ") : null;
      return { streetText, place: { ...place, city: last } };
    }
    return { streetText: null, place: { ...place, city: null } };
  }

  return null;
}

/** Without a state, a ZIP may still close the address ("4300 Rosa Parks Blvd, 48208"). */
function locateZipOnly(segments: string[]): LocatedPlace {
  const lastSegment = segments.at(-1) ?? "";
  const words = lastSegment.split(" ");
  const { zip, remaining } = takeTrailingZip(words);

  if (!zip) {
    return { streetText: segments.join(" ") || null, place: { city: null, stateCode: null, zip: null } };
  }

  const streetParts = [...segments.slice(0, -1), remaining.join(" ")].filter((part) => part !== "");
  return { streetText: streetParts.join(" ") || null, place: { city: null, stateCode: null, zip } };
}

function takeTrailingZip(words: string[]): { zip: string | null; remaining: string[] } {
  const last = words.at(-1) ?? "";
  const beforeLast = words.at(-2) ?? "";

  // ZIP+4 written with a space, as in "48207 4242".
  if (plusFourPattern.test(last) && zipPattern.test(beforeLast) && words.length > 2) {
    return { zip: beforeLast.slice(0, 5), remaining: words.slice(0, -2) };
  }

  const match = zipPattern.exec(last);
  if (match && words.length > 0) {
    return { zip: match[1] ?? null, remaining: words.slice(0, -1) };
  }

  return { zip: null, remaining: words };
}

function takeTrailingState(words: string[]): { code: string; remaining: string[] } | null {
  for (let count = Math.min(maxStateWords, words.length); count >= 1; count -= 1) {
    const candidate = words.slice(words.length - count).join(" ");
    const code = normalizeStateCode(candidate);
    if (code) {
      return { code, remaining: words.slice(0, words.length - count) };
    }
  }

  return null;
}

function splitCityFromStreet(words: string[], stateCode: string): { streetText: string | null; city: string | null } {
  for (let count = Math.min(maxCityWords, words.length); count >= 1; count -= 1) {
    const candidate = words.slice(words.length - count).join(" ");
    if (lookupCity(candidate, stateCode).length > 0) {
      const streetWords = words.slice(0, words.length - count);
      return { streetText: streetWords.join(" ") || null, city: candidate };
    }
  }

  // No known city: a leading house number marks a street line, anything else a city name.
  if (/^\d/.test(words[0] ?? "")) {
    return { streetText: words.join(" "), city: null };
  }
  return { streetText: null, city: words.join(" ") };
}

function splitStreetLine(streetText: string | null): Pick<ParsedAddress, "streetLine" | "houseNumber" | "streetName" | "unit"> {
  const normalized = streetText
    ?.toLowerCase()
    .replace(/[.'"]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!normalized) {
    return { streetLine: null, houseNumber: null, streetName: null, unit: null };
  }

  const unitMatch = unitPattern.exec(normalized);
  const unit = unitMatch?.[1]?.replace(/\s+/g, " ") ?? null;
  const streetLine = unitMatch ? normalized.slice(0, unitMatch.index).trim() : normalized;

  const numberMatch = houseNumberPattern.exec(streetLine);
  if (numberMatch) {
    return {
      streetLine,
      houseNumber: (numberMatch[1] ?? "").replace(/\s+/g, ""),
      streetName: numberMatch[2] ?? null,
      unit,
    };
  }

  // A line of digits alone is a house number without a street, which locates nothing.
  if (/^[\d\s/-]+$/.test(streetLine)) {
    return { streetLine: null, houseNumber: null, streetName: null, unit };
  }
  return { streetLine, houseNumber: null, streetName: streetLine, unit };
}
