import { normalizeZip } from "@/lib/import/normalize-zip";
import {
  directionals,
  isUnitStart,
  standaloneUnitDesignators,
  streetSuffixes,
  unitDesignators,
} from "@/lib/import/street-abbreviations";
import { isStateName, maxStateNameWords, normalizeState } from "@/lib/import/us-states";

/** Parts of a one-cell address. `street` is as written, with runs of whitespace collapsed. */
export type ParsedAddress = { street: string; city: string | null; state: string | null; zip: string | null };

type Locality = { city: string | null; state: string | null; zip: string | null };

const countrySegment = /^(USA?|UNITED STATES( OF AMERICA)?)$/i;

/**
 * Splits a one-cell address into street, city, state code and ZIP:
 * "4300 rosa parks blvd, Detroit MI 48208", "1124 45th Pl SE, Washington, DC 20019",
 * "123 Main St, Apt 4, Springfield, Illinois" or a street line alone ("14512 sussex").
 *
 * The street ends at the first comma, and unit segments such as "Apt 4" join it. Without a
 * comma, a trailing state is accepted only after a street type and a city
 * ("123 MAIN ST DETROIT MI"), because "110 WALKERS CT" and "1240 I ST NE" end in
 * Connecticut's and Nebraska's codes.
 */
export function parseFullAddress(text: string): ParsedAddress {
  const segments = text
    .split(",")
    .map((segment) => segment.replace(/\s+/g, " ").trim())
    .filter((segment) => segment !== "");
  if (segments.length > 1 && countrySegment.test(segments[segments.length - 1] ?? "")) {
    segments.pop();
  }

  const [first, ...rest] = segments;
  if (first === undefined) {
    return { street: "", city: null, state: null, zip: null };
  }
  if (rest.length === 0) {
    return parseWithoutCommas(first);
  }

  const streetParts = [first];
  while (rest.length > 0 && isUnitSegment(rest[0] ?? "")) {
    streetParts.push(rest.shift() ?? "");
  }

  return { street: streetParts.join(" "), ...parseLocality(rest) };
}

/**
 * Parses the segments after the street: ["Detroit MI 48208"], ["Washington", "DC 20002-1234"],
 * ["Springfield", "Illinois"] or ["Detroit"]. The state and ZIP end the last segment and the
 * city is the text before them or the segment before that. Segments between the street and
 * the city, such as a building or county name, are dropped.
 */
function parseLocality(segments: string[]): Locality {
  const remaining = [...segments];
  const tokens = (remaining.pop() ?? "").split(" ").filter((token) => token !== "");

  const zip = takeTrailingZip(tokens);
  const state = takeTrailingState(tokens, zip !== null);

  let city = tokens.length > 0 ? tokens.join(" ") : (remaining.pop() ?? null);
  while (city !== null && /\bCOUNTY$/i.test(city) && remaining.length > 0) {
    city = remaining.pop() ?? null;
  }

  // A lone state name without a code is a city ("Washington"), unless a ZIP follows it.
  if (city === null && state !== null && zip === null && state.written.length > 2) {
    return { city: state.written, state: null, zip: null };
  }

  return { city, state: state?.code ?? null, zip };
}

function parseWithoutCommas(text: string): ParsedAddress {
  const tokens = text.split(" ");

  const zip = takeTrailingZip(tokens);
  const state = takeTrailingState(tokens, zip !== null);
  if (state === null) {
    // A trailing number without a state before it stays in the street line, because it may
    // belong to the street ("123 COUNTY ROAD 10000").
    return { street: text, city: null, state: null, zip: null };
  }

  const streetEnd = findStreetEnd(tokens);
  if (streetEnd === null || streetEnd === tokens.length) {
    if (zip === null) {
      return { street: text, city: null, state: null, zip: null };
    }
    // NOTE: without a comma or a street type the street cannot be separated from the city,
    // so the city stays in the street line and the row needs a city from elsewhere.
    return { street: tokens.join(" "), city: null, state: state.code, zip };
  }

  return {
    street: tokens.slice(0, streetEnd).join(" "),
    city: tokens.slice(streetEnd).join(" "),
    state: state.code,
    zip,
  };
}

/** Removes a trailing ZIP or ZIP+4 from `tokens` and returns it normalized. */
function takeTrailingZip(tokens: string[]): string | null {
  const last = tokens[tokens.length - 1] ?? "";
  const beforeLast = tokens[tokens.length - 2] ?? "";

  if (/^\d{5}$/.test(beforeLast) && /^\d{4}$/.test(last)) {
    tokens.splice(-2, 2);
    return normalizeZip(`${beforeLast}-${last}`);
  }

  // Four digits are a ZIP that lost its leading zero only right after a state.
  const isZip = /^\d{5}(-\d{4})?$/.test(last) || /^\d{9}$/.test(last);
  const isShortZip = /^\d{4}$/.test(last) && normalizeState(beforeLast) !== null;
  if (!isZip && !isShortZip) {
    return null;
  }

  tokens.pop();
  return normalizeZip(last);
}

/** Removes a trailing state code or name from `tokens`, trying the longest names first. */
function takeTrailingState(tokens: string[], afterZip: boolean): { code: string; written: string } | null {
  for (let words = Math.min(maxStateNameWords, tokens.length); words >= 1; words -= 1) {
    const written = tokens.slice(tokens.length - words).join(" ");
    const code = normalizeState(written);
    if (code === null) {
      continue;
    }
    // Without a ZIP, only a two-letter code or a full name counts: "M.I." and the like
    // are too close to street words.
    if (!afterZip && !/^[A-Za-z]{2}$/.test(written) && !isStateName(written)) {
      continue;
    }

    tokens.splice(tokens.length - words, words);
    return { code, written };
  }
  return null;
}

/**
 * Returns the index just after the street part of "123 MAIN ST APT 4 DETROIT": after the
 * first street type that follows a name word and is not followed by another type, then any
 * directional and unit. Returns null when no street type is found.
 */
function findStreetEnd(tokens: string[]): number | null {
  const upper = tokens.map((token) => token.toUpperCase().replace(/\./g, ""));

  let typeIndex = -1;
  for (let index = 2; index < upper.length; index += 1) {
    if (streetSuffixes.has(upper[index] ?? "") && !streetSuffixes.has(upper[index + 1] ?? "")) {
      typeIndex = index;
      break;
    }
  }
  if (typeIndex === -1) {
    return null;
  }

  let end = typeIndex + 1;
  if (directionals.has(upper[end] ?? "")) {
    end += 1;
  }

  // A standalone designator right after the street type is a unit even with the city after it.
  const unit = upper[end] ?? "";
  if (unitDesignators.has(unit) && isUnitStart(upper, end)) {
    end += 2;
  } else if (unit.startsWith("#") || standaloneUnitDesignators.has(unit)) {
    end += 1;
  }

  return end;
}

function isUnitSegment(segment: string): boolean {
  const words = segment.toUpperCase().replace(/\./g, "").split(" ");
  return isUnitStart(words, 0);
}
