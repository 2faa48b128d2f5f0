import type { PropertyStatus } from "@prisma/client";

export const terminalStatuses: PropertyStatus[] = ["scored", "unassessable", "no_imagery", "geocode_failed", "failed"];

/** Finished without a score: refunded when the campaign completes, and offered for a free re-run. */
export const unscoredStatuses: PropertyStatus[] = ["unassessable", "no_imagery", "geocode_failed", "failed"];

/** Finished before any Gemini call: the address was not located, or Street View has no image of it. */
const finishedBeforeGemini: PropertyStatus[] = ["no_imagery", "geocode_failed"];

export function isTerminal(status: PropertyStatus): boolean {
  return terminalStatuses.includes(status);
}

/**
 * Tells whether a final status counts as a turn at the Gemini budget. Only a property that never
 * got that far (no location, no imagery) gives its place back to its own campaign.
 */
export function reachedGemini(status: PropertyStatus): boolean {
  return !finishedBeforeGemini.includes(status);
}
