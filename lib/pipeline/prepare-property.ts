import type { PropertyStatus } from "@prisma/client";
import { getDb } from "@/lib/db";
import { bearingDegrees } from "@/lib/geo/bearing";
import { isTerminal } from "@/lib/pipeline/property-status";
import type { LocationFacts, PanoramaFacts } from "@/lib/pipeline/record-property-outcome";
import { geocodeAddress } from "@/lib/providers/geocode-address";
import { fetchStreetViewImage, findPanorama } from "@/lib/providers/street-view";

export type LocatedProperty =
  | { kind: "terminal"; status: string }
  | { kind: "found"; latitude: number; longitude: number; locationType: string }
  | { kind: "not_found"; reason: string }
  | { kind: "imprecise"; latitude: number; longitude: number; locationType: string; reason: string };

export type ImagedProperty = { kind: "none"; reason: string } | { kind: "found"; panorama: PanoramaFacts; bytes: number; ticket: number };

/**
 * Loads a property and locates it: the list's coordinates when it gave them, else the geocoder's.
 * A property that already has an outcome is reported as terminal and not located again.
 */
export async function locateProperty(propertyId: string, withRetryPolicy: <T>(call: () => Promise<T>) => Promise<T>): Promise<LocatedProperty> {
  // Plain SQL on the hot path, as in recordPropertyOutcome: a Prisma query is compiled on every call.
  const [property] = await getDb().$queryRaw<
    { status: PropertyStatus; normalizedAddress: string; inputLatitude: number | null; inputLongitude: number | null }[]
  >`SELECT status, "normalizedAddress", "inputLatitude", "inputLongitude" FROM "Property" WHERE id = ${propertyId}::uuid`;
  if (!property) throw new Error(`Property ${propertyId} not found.`);
  if (isTerminal(property.status)) return { kind: "terminal", status: property.status };
  if (property.inputLatitude !== null && property.inputLongitude !== null) {
    return { kind: "found", latitude: property.inputLatitude, longitude: property.inputLongitude, locationType: "INPUT" };
  }
  const located = await withRetryPolicy(() => geocodeAddress(property.normalizedAddress));
  return located.kind === "found"
    ? { kind: "found", latitude: located.latitude, longitude: located.longitude, locationType: located.locationType }
    : located;
}

/**
 * Finds the panorama nearest the property, stores the image facing the house and takes the
 * property's Gemini ticket. Google does not charge for Street View metadata requests, so a retry
 * that repeats the lookup costs nothing.
 */
export async function imageProperty(
  propertyId: string,
  location: LocationFacts,
  withRetryPolicy: <T>(call: () => Promise<T>) => Promise<T>,
): Promise<ImagedProperty> {
  const found = await withRetryPolicy(() => findPanorama(location.latitude, location.longitude));
  if (found.kind === "none") return found;

  const panorama: PanoramaFacts = {
    panoId: found.panoId,
    panoLatitude: found.latitude,
    panoLongitude: found.longitude,
    imageryDate: found.imageryDate,
    heading: bearingDegrees({ latitude: found.latitude, longitude: found.longitude }, location),
  };
  const image = await withRetryPolicy(() => fetchStreetViewImage(panorama.panoId, panorama.heading));
  return { kind: "found", panorama, bytes: image.bytes.length, ticket: await storeImageAndTakeTicket(propertyId, image) };
}

/**
 * Stores (or replaces) the property's image and numbers the property in the order properties reach
 * Gemini, in one statement. The number makes consecutive calls take the throttle's keys in
 * rotation, so each key's queue gets an equal share. It is part of a step's output, so a retried
 * run keeps its key.
 */
async function storeImageAndTakeTicket(propertyId: string, image: { contentType: string; bytes: Buffer }): Promise<number> {
  const [row] = await getDb().$queryRaw<{ ticket: number }[]>`
    INSERT INTO "PropertyImage" ("propertyId", "contentType", bytes, "createdAt")
    VALUES (${propertyId}::uuid, ${image.contentType}, ${new Uint8Array(image.bytes)}, now())
    ON CONFLICT ("propertyId") DO UPDATE
      SET "contentType" = EXCLUDED."contentType", bytes = EXCLUDED.bytes, "createdAt" = EXCLUDED."createdAt"
    RETURNING (nextval('"GeminiCallTicket"') % 1000000)::int AS ticket`;
  return row!.ticket;
}
