import type { PropertyStatus } from "@prisma/client";

export const terminalStatuses: PropertyStatus[] = ["scored", "unassessable", "no_imagery", "geocode_failed", "failed"];

export function isTerminal(status: PropertyStatus): boolean {
  return terminalStatuses.includes(status);
}
