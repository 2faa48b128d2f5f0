import type { PropertyStatus } from "@prisma/client";

export const terminalStatuses: PropertyStatus[] = ["scored", "unassessable", "no_imagery", "geocode_failed", "failed"];

export function isTerminal(status: PropertyStatus): boolean {
  return terminalStatuses.includes(status);
}

/** Customer-facing names for each status, used on the campaign page, in exports and in email. */
export const statusLabels: Record<PropertyStatus, string> = {
  pending: "Waiting",
  queued: "In progress",
  scored: "Scored",
  unassessable: "Unable to assess",
  no_imagery: "No Street View imagery",
  geocode_failed: "Address not located",
  failed: "Scoring failed",
};
