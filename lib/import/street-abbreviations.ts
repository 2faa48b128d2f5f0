/**
 * Common street words and their abbreviations from USPS Publication 28, Postal Addressing
 * Standards (section 213 for unit designators, 233 for directionals and Appendix C for
 * suffixes), plus misspellings seen in county exports ("AV", "BOUL").
 */

/** Street types ("suffixes"), keyed by every accepted spelling. */
export const streetSuffixes: ReadonlyMap<string, string> = buildMap({
  ALY: ["ALLEY", "ALLY"],
  AVE: ["AVENUE", "AV", "AVEN", "AVENU", "AVN", "AVNUE"],
  BLVD: ["BOULEVARD", "BOUL", "BOULV", "BLV"],
  BND: ["BEND"],
  BR: ["BRANCH"],
  BRG: ["BRIDGE"],
  BYP: ["BYPASS"],
  CIR: ["CIRCLE", "CIRC", "CRCL"],
  CMNS: ["COMMONS"],
  CRES: ["CRESCENT"],
  CRK: ["CREEK"],
  CT: ["COURT", "CRT"],
  CTR: ["CENTER", "CENTRE"],
  CV: ["COVE"],
  DR: ["DRIVE", "DRV", "DRIV"],
  EST: ["ESTATE"],
  ESTS: ["ESTATES"],
  EXPY: ["EXPRESSWAY", "EXPRESS"],
  EXT: ["EXTENSION"],
  FWY: ["FREEWAY"],
  GDNS: ["GARDENS"],
  GLN: ["GLEN"],
  GRN: ["GREEN"],
  GRV: ["GROVE"],
  HBR: ["HARBOR"],
  HL: ["HILL"],
  HTS: ["HEIGHTS"],
  HWY: ["HIGHWAY", "HIWAY", "HWAY"],
  HOLW: ["HOLLOW"],
  IS: ["ISLAND"],
  JCT: ["JUNCTION"],
  KNL: ["KNOLL"],
  LNDG: ["LANDING"],
  LN: ["LANE"],
  LOOP: [],
  MALL: [],
  MDWS: ["MEADOWS"],
  MEWS: [],
  MNR: ["MANOR"],
  ORCH: ["ORCHARD"],
  OVAL: [],
  PARK: [],
  PASS: [],
  PATH: [],
  PIKE: [],
  PKWY: ["PARKWAY", "PKY", "PARKWY"],
  PL: ["PLACE"],
  PLZ: ["PLAZA"],
  PT: ["POINT"],
  RDG: ["RIDGE"],
  RD: ["ROAD"],
  ROW: [],
  RUN: [],
  SQ: ["SQUARE"],
  ST: ["STREET", "STR", "STRT"],
  TER: ["TERRACE", "TERR"],
  TPKE: ["TURNPIKE"],
  TRCE: ["TRACE"],
  TRL: ["TRAIL"],
  VLY: ["VALLEY"],
  VW: ["VIEW"],
  VIS: ["VISTA"],
  WALK: [],
  WAY: [],
  XING: ["CROSSING"],
});

/** Compass directions before or after the street name. */
export const directionals: ReadonlyMap<string, string> = buildMap({
  N: ["NORTH"],
  S: ["SOUTH"],
  E: ["EAST"],
  W: ["WEST"],
  NE: ["NORTHEAST"],
  NW: ["NORTHWEST"],
  SE: ["SOUTHEAST"],
  SW: ["SOUTHWEST"],
});

/** Secondary unit designators that take an identifier ("APT 4", "# 4"). */
export const unitDesignators: ReadonlyMap<string, string> = buildMap({
  "#": [],
  APT: ["APARTMENT"],
  BLDG: ["BUILDING"],
  DEPT: ["DEPARTMENT"],
  FL: ["FLOOR"],
  LOT: [],
  PH: ["PENTHOUSE"],
  RM: ["ROOM"],
  SPC: ["SPACE"],
  STE: ["SUITE"],
  TRLR: ["TRAILER"],
  UNIT: [],
});

/** Secondary unit designators used alone ("REAR"), which name a separate building or door. */
export const standaloneUnitDesignators: ReadonlyMap<string, string> = buildMap({
  BSMT: ["BASEMENT"],
  FRNT: ["FRONT"],
  LOWR: ["LOWER"],
  REAR: [],
  UPPR: ["UPPER"],
});

function buildMap(spellings: Record<string, string[]>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [abbreviation, variants] of Object.entries(spellings)) {
    map.set(abbreviation, abbreviation);
    for (const variant of variants) {
      map.set(variant, abbreviation);
    }
  }
  return map;
}

/**
 * Returns whether a secondary unit starts at `tokens[index]`, given upper-case tokens without
 * periods: "#2", a designator followed by an identifier with a digit or a single letter
 * ("APT 4", "UNIT B"), or a standalone designator at the end ("REAR"). The checks keep street
 * names such as "N FRONT ST" and "OUTER SPACE WAY" whole.
 */
export function isUnitStart(tokens: string[], index: number): boolean {
  const token = tokens[index] ?? "";
  if (token.startsWith("#")) {
    return true;
  }

  if (unitDesignators.has(token)) {
    const identifier = tokens[index + 1] ?? "";
    return /\d/.test(identifier) || /^[A-Z]$/.test(identifier);
  }

  if (standaloneUnitDesignators.has(token)) {
    return index === tokens.length - 1 || isUnitStart(tokens, index + 1);
  }

  return false;
}
