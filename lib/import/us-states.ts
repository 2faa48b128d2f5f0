/**
 * USPS two-letter codes of the 50 states, the District of Columbia and the five inhabited
 * territories, keyed by the full name in upper case.
 */
const stateCodeByName: ReadonlyMap<string, string> = new Map([
  ["ALABAMA", "AL"],
  ["ALASKA", "AK"],
  ["ARIZONA", "AZ"],
  ["ARKANSAS", "AR"],
  ["CALIFORNIA", "CA"],
  ["COLORADO", "CO"],
  ["CONNECTICUT", "CT"],
  ["DELAWARE", "DE"],
  ["DISTRICT OF COLUMBIA", "DC"],
  ["FLORIDA", "FL"],
  ["GEORGIA", "GA"],
  ["HAWAII", "HI"],
  ["IDAHO", "ID"],
  ["ILLINOIS", "IL"],
  ["INDIANA", "IN"],
  ["IOWA", "IA"],
  ["KANSAS", "KS"],
  ["KENTUCKY", "KY"],
  ["LOUISIANA", "LA"],
  ["MAINE", "ME"],
  ["MARYLAND", "MD"],
  ["MASSACHUSETTS", "MA"],
  ["MICHIGAN", "MI"],
  ["MINNESOTA", "MN"],
  ["MISSISSIPPI", "MS"],
  ["MISSOURI", "MO"],
  ["MONTANA", "MT"],
  ["NEBRASKA", "NE"],
  ["NEVADA", "NV"],
  ["NEW HAMPSHIRE", "NH"],
  ["NEW JERSEY", "NJ"],
  ["NEW MEXICO", "NM"],
  ["NEW YORK", "NY"],
  ["NORTH CAROLINA", "NC"],
  ["NORTH DAKOTA", "ND"],
  ["OHIO", "OH"],
  ["OKLAHOMA", "OK"],
  ["OREGON", "OR"],
  ["PENNSYLVANIA", "PA"],
  ["RHODE ISLAND", "RI"],
  ["SOUTH CAROLINA", "SC"],
  ["SOUTH DAKOTA", "SD"],
  ["TENNESSEE", "TN"],
  ["TEXAS", "TX"],
  ["UTAH", "UT"],
  ["VERMONT", "VT"],
  ["VIRGINIA", "VA"],
  ["WASHINGTON", "WA"],
  ["WEST VIRGINIA", "WV"],
  ["WISCONSIN", "WI"],
  ["WYOMING", "WY"],
  ["AMERICAN SAMOA", "AS"],
  ["GUAM", "GU"],
  ["NORTHERN MARIANA ISLANDS", "MP"],
  ["PUERTO RICO", "PR"],
  ["US VIRGIN ISLANDS", "VI"],
  ["VIRGIN ISLANDS", "VI"],
]);

const stateCodes: ReadonlySet<string> = new Set(stateCodeByName.values());

/** Maximum number of words in a state name ("NORTHERN MARIANA ISLANDS"). */
export const maxStateNameWords = 3;

/**
 * Converts a state written as a code or a full name, in any case, with or without periods
 * ("mi", "M.I.", "Michigan", "new  york"), to its two-letter code. Returns null for anything
 * else, including blank text.
 */
export function normalizeState(value: string): string | null {
  const cleaned = value.toUpperCase().replace(/\./g, "").replace(/\s+/g, " ").trim();
  if (cleaned === "") {
    return null;
  }

  if (stateCodes.has(cleaned)) {
    return cleaned;
  }

  return stateCodeByName.get(cleaned) ?? null;
}

/** Returns whether the text, after the same cleanup as `normalizeState`, is a full state name. */
export function isStateName(value: string): boolean {
  const cleaned = value.toUpperCase().replace(/\./g, "").replace(/\s+/g, " ").trim();
  return stateCodeByName.has(cleaned);
}
