import {
  directionals,
  isUnitStart,
  standaloneUnitDesignators,
  streetSuffixes,
  unitDesignators,
} from "@/lib/import/street-abbreviations";

export type NormalizedStreet =
  | {
      valid: true;
      /** Upper case with USPS abbreviations, for display and geocoding: "224 S ST NE #2". */
      display: string;
      /** `display` without punctuation, with the first number of a range and one unit designator, for finding duplicates. */
      key: string;
    }
  | { valid: false; reason: string };

/** Maximum digits in a house number. Nearly all US house numbers have at most 5, so 6 or more is taken as a typing error. */
const maxHouseNumberDigits = 5;

/** Street names that stand for a missing address. */
const placeholderNames = new Set(["UNKNOWN", "NONE", "NULL", "NA", "N/A", "TBD", "VARIOUS"]);

/**
 * House number at the start of a street line: "123", "123A", a range "8203 - 8209",
 * a hyphenated Queens number "89-12", a fraction "4605-1/2" or "3330 1/2", or a Wisconsin
 * grid number "N123W4567".
 */
const houseNumberPattern =
  /^(?:(?<grid>[NSEW]\d+[NSEW]\d+)|(?<first>\d+[A-Z]?)(?:\s*-\s*(?<second>\d+[A-Z]?))?(?:(?:\s+|-)(?<fraction>\d+\/\d+))?)(?=\s|$)/;

/**
 * Normalizes a street line ("4605-1/2 Macarthur Blvd Northwest Unit B") and checks that it
 * identifies one house: it must start with a non-zero house number of at most 5 digits and
 * have a street name that is not a placeholder such as "UNKNOWN". The reason of an invalid
 * street is written for the customer.
 */
export function normalizeStreet(street: string): NormalizedStreet {
  const cleaned = street.toUpperCase().replace(/\./g, "").replace(/,/g, " ").replace(/\s+/g, " ").trim();

  const match = houseNumberPattern.exec(cleaned);
  const groups = match?.groups;
  if (match === null || groups === undefined) {
    return invalidNoHouseNumber(street);
  }

  const houseNumber = readHouseNumber(groups);
  if (houseNumber === null) {
    return invalidNoHouseNumber(street);
  }
  if (houseNumber.digits > maxHouseNumberDigits) {
    return {
      valid: false,
      reason: `house number in "${street.trim()}" has ${houseNumber.digits} digits and is probably mistyped; correct the number`,
    };
  }

  const tokens = cleaned.slice(match[0].length).split(" ").filter((token) => token !== "");
  const { nameTokens, unitTokens } = splitUnit(tokens);
  if (!nameTokens.some((token) => /[A-Z]/.test(token))) {
    return { valid: false, reason: `no street name after the house number in "${street.trim()}"` };
  }
  if (placeholderNames.has(nameTokens.join(" "))) {
    return { valid: false, reason: `street name "${nameTokens.join(" ")}" is a placeholder, not an address` };
  }

  const name = abbreviateName(nameTokens);
  const unit = abbreviateUnit(unitTokens);

  return {
    valid: true,
    display: [houseNumber.display, ...name, ...unit].join(" "),
    key: [houseNumber.key, ...toKeyTokens(name), ...toUnitKeyTokens(unit)].join(" "),
  };
}

type HouseNumber = { display: string; key: string; digits: number };

function readHouseNumber(groups: Record<string, string | undefined>): HouseNumber | null {
  if (groups.grid !== undefined) {
    return { display: groups.grid, key: groups.grid, digits: 0 };
  }

  const first = groups.first;
  if (first === undefined) {
    return null;
  }

  const firstValue = stripLeadingZeros(first);
  if (firstValue === "" || /^[A-Z]$/.test(firstValue)) {
    return null;
  }
  const digits = firstValue.replace(/[A-Z]/, "").length;

  const second = groups.second;
  const fraction = groups.fraction;
  if (second === undefined) {
    const display = fraction === undefined ? first : `${first} ${fraction}`;
    const key = fraction === undefined ? firstValue : `${firstValue} ${fraction}`;
    return { display, key, digits };
  }

  // "8203-8209" is a range of lots and keys on its first number, but "89-12" (the second
  // part smaller) is one hyphenated Queens house number and keys whole.
  const secondValue = stripLeadingZeros(second);
  const isRange = Number.parseInt(secondValue, 10) > Number.parseInt(firstValue, 10);
  const display = `${first}-${second}`;
  return { display, key: isRange ? firstValue : `${firstValue}-${secondValue}`, digits };
}

function splitUnit(tokens: string[]): { nameTokens: string[]; unitTokens: string[] } {
  // The first token is always part of the name, so "4004 #1 ST" keeps "#1" as its name.
  const unitStart = tokens.findIndex((_token, index) => index > 0 && isUnitStart(tokens, index));
  if (unitStart === -1) {
    return { nameTokens: tokens, unitTokens: [] };
  }

  return { nameTokens: tokens.slice(0, unitStart), unitTokens: tokens.slice(unitStart) };
}

/**
 * Abbreviates the directionals and the street type. A leading or trailing direction is
 * abbreviated only when other words remain, and the type only when it follows a name, so
 * "NORTH ST" and "AVENUE B" keep their names.
 */
function abbreviateName(tokens: string[]): string[] {
  const name = [...tokens];

  const last = name.length - 1;
  const postDirectional = name.length >= 3 ? directionals.get(name[last] ?? "") : undefined;
  if (postDirectional !== undefined) {
    name[last] = postDirectional;
  }

  const typeIndex = postDirectional === undefined ? last : last - 1;
  const streetType = typeIndex >= 1 ? streetSuffixes.get(name[typeIndex] ?? "") : undefined;
  if (streetType !== undefined) {
    name[typeIndex] = streetType;
  }

  const remainderIsOnlyType = name.length === 2 && streetType !== undefined;
  const preDirectional = name.length >= 2 && !remainderIsOnlyType ? directionals.get(name[0] ?? "") : undefined;
  if (preDirectional !== undefined) {
    name[0] = preDirectional;
  }

  return name;
}

function abbreviateUnit(tokens: string[]): string[] {
  return tokens.map((token) => unitDesignators.get(token) ?? standaloneUnitDesignators.get(token) ?? token);
}

function toKeyTokens(tokens: string[]): string[] {
  return tokens.flatMap((token) => token.replace(/[^A-Z0-9/]+/g, " ").split(" ")).filter((token) => token !== "");
}

/** Writes every designator that takes an identifier as "#", so "#57", "APT 57" and "UNIT 57" match. */
function toUnitKeyTokens(tokens: string[]): string[] {
  const separated = tokens.flatMap((token) => (token.startsWith("#") && token.length > 1 ? ["#", token.slice(1)] : [token]));
  return separated.flatMap((token) => (unitDesignators.has(token) ? ["#"] : toKeyTokens([token])));
}

function stripLeadingZeros(value: string): string {
  return value.replace(/^0+/, "");
}

function invalidNoHouseNumber(street: string): NormalizedStreet {
  return {
    valid: false,
    reason: `no house number in "${street.trim()}": a house must be identified to be photographed`,
  };
}
