import type { PropertyStatus } from "@prisma/client";
import { formatCountOf } from "@/lib/format/format-numbers";
import type { Tier } from "@/lib/scoring/score-contract";

/**
 * Customer-facing wording shared by the campaign page, the completion email and the CSV export,
 * so the same result reads the same everywhere.
 */

export const statusLabels: Record<PropertyStatus, string> = {
  pending: "Waiting",
  queued: "In progress",
  scored: "Scored",
  unassessable: "Unable to assess from the image",
  no_imagery: "No Street View imagery",
  geocode_failed: "Address not located precisely",
  failed: "Scoring failed",
};

export const tierLabels: Record<Tier, string> = {
  strong_candidate: "Strong candidate",
  moderate: "Moderate",
  weak: "Weak",
  not_a_candidate: "Not a candidate",
};

export const strongCandidatesLabel = "Strong candidates (score 70 or more)";

/**
 * Plain names for a property's location source: "INPUT" for coordinates from the customer's
 * list, otherwise the Google Geocoding API's `location_type`.
 */
const locationPrecisionLabels: Record<string, string> = {
  INPUT: "From your list",
  ROOFTOP: "Exact address",
  RANGE_INTERPOLATED: "Estimated along the street",
  GEOMETRIC_CENTER: "Center of the street or area",
  APPROXIMATE: "Approximate area only",
};

/** Returns the plain name of a location code, "Unknown precision" for a code Google adds later, and "" for none. */
export function locationPrecisionLabel(locationType: string | null): string {
  if (locationType === null || locationType === "") return "";
  return locationPrecisionLabels[locationType] ?? "Unknown precision";
}

/** Returns the tier label of a stored tier, or the stored text itself for a tier this version does not know. */
export function tierLabel(tier: string): string {
  return tier in tierLabels ? tierLabels[tier as Tier] : tier;
}

/** Writes the refund sentence that the page and the email show once unscored properties are refunded. */
export function describeRefund(amount: string, propertyCount: number): string {
  const unscored = formatCountOf(propertyCount, "property", "properties");
  return `You pay only for scored properties: ${unscored} got no score, so ${amount} was refunded to your card.`;
}

/** Status of an upload row that did not become a property, for the export. */
export function notImportedStatus(row: { kind: "invalid"; reason: string } | { kind: "duplicate"; duplicateOfRow: number } | { kind: "blank" }): string {
  switch (row.kind) {
    case "invalid":
      return `Not imported: ${row.reason}`;
    case "duplicate":
      return `Not imported: repeat of row ${row.duplicateOfRow}`;
    case "blank":
      return "Not imported: blank row";
  }
}

/**
 * Notes on a repeated row that the export fills with the result of the row it repeats, and what
 * that house cost: charged once when scored, nothing when refunded or reused free.
 */
export function repeatStatus(duplicateOfRow: number, charge: "charged" | "refunded" | "free" | "unfinished"): string {
  switch (charge) {
    case "charged":
      return `same house as row ${duplicateOfRow}, charged once`;
    case "refunded":
      return `same house as row ${duplicateOfRow}, refunded with it`;
    case "free":
      return `same house as row ${duplicateOfRow}, reused at no charge`;
    case "unfinished":
      return `same house as row ${duplicateOfRow}`;
  }
}
