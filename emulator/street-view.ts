import type { ServerResponse } from "node:http";
import { z } from "zod";

import { shouldInjectError, simulateLatency, type EmulatorContext } from "./context";
import { bearingBetween, type LatLng } from "./geo";
import { geocodeAddress } from "./geocoder";
import { missingMapsKeyMessage } from "./geocoding";
import { renderNoImageryImage, renderStreetViewImage } from "./house-image";
import { planScene } from "./house-scene";
import { queryParams, sendBytes, sendJson, sendText, type Route, type RouteRequest } from "./http";
import { decodePanoId, defaultSearchRadiusM, findPanorama, type Panorama } from "./panorama";
import { encodePng } from "./png";

/** Largest image side the Street View Static API accepts, in pixels. */
const maxImageSide = 640;
const imageCacheEntries = 256;

const commonQuery = {
  key: z.string().trim().optional(),
  location: z.string().trim().min(1).max(512).optional(),
  pano: z.string().trim().min(1).max(128).optional(),
  radius: z.coerce.number().int().min(0).max(100_000).optional(),
  source: z.enum(["default", "outdoor"]).optional(),
};

const metadataQuerySchema = z.object(commonQuery);

const imageQuerySchema = z.object({
  ...commonQuery,
  size: z
    .string()
    .regex(/^\d{1,4}x\d{1,4}$/, "size must be WIDTHxHEIGHT, such as 640x400")
    .transform((size) => size.split("x").map(Number) as [number, number])
    .refine(([width, height]) => width >= 1 && height >= 1 && width <= maxImageSide && height <= maxImageSide, {
      message: `size must be between 1x1 and ${maxImageSide}x${maxImageSide}`,
    }),
  heading: z.coerce.number().finite().optional(),
  fov: z.coerce.number().min(1).max(120).default(90),
  pitch: z.coerce.number().min(-90).max(90).default(0),
  return_error_code: z.enum(["true", "false"]).default("false"),
});

/** Routes of the Street View Static API: the free metadata request and the image request. */
export function streetViewRoutes(context: EmulatorContext): Route[] {
  const imageCache = new Map<string, Buffer>();
  return [
    {
      method: "GET",
      pattern: /^\/maps\/api\/streetview\/metadata$/,
      handler: (request, response) => handleMetadata(context, request, response),
    },
    {
      method: "GET",
      pattern: /^\/maps\/api\/streetview$/,
      handler: (request, response) => handleImage(context, imageCache, request, response),
    },
  ];
}

async function handleMetadata(context: EmulatorContext, request: RouteRequest, response: ServerResponse): Promise<void> {
  context.stats.countRequest("streetViewMetadata");
  await simulateLatency(context, "streetViewMetadata");

  const query = metadataQuerySchema.safeParse(queryParams(request.url));
  if (!query.success) {
    sendMetadataStatus(response, 400, "INVALID_REQUEST", `Invalid request. ${z.prettifyError(query.error)}`);
    return;
  }
  if (!query.data.key) {
    sendMetadataStatus(response, 200, "REQUEST_DENIED", missingMapsKeyMessage);
    return;
  }
  if (shouldInjectError(context, "streetViewMetadata")) {
    sendMetadataStatus(response, 500, "UNKNOWN_ERROR", "The request could not be processed due to a server error. The request may succeed if you try again.");
    return;
  }
  if (!query.data.location && !query.data.pano) {
    sendMetadataStatus(response, 400, "INVALID_REQUEST", "Invalid request. Missing the 'location' or 'pano' parameter.");
    return;
  }

  const lookup = locatePanorama(context, query.data);
  if (lookup.kind === "not-found") {
    sendJson(response, 200, { status: "NOT_FOUND" });
    return;
  }
  if (lookup.kind === "no-imagery" || lookup.kind === "unknown-pano") {
    sendJson(response, 200, { status: "ZERO_RESULTS" });
    return;
  }

  const { panorama } = lookup;
  sendJson(response, 200, {
    copyright: "© Google",
    date: panorama.date,
    location: panorama.location,
    pano_id: panorama.panoId,
    status: "OK",
  });
}

async function handleImage(
  context: EmulatorContext,
  imageCache: Map<string, Buffer>,
  request: RouteRequest,
  response: ServerResponse,
): Promise<void> {
  context.stats.countRequest("streetViewImage");
  await simulateLatency(context, "streetViewImage");

  const query = imageQuerySchema.safeParse(queryParams(request.url));
  if (!query.success) {
    sendText(response, 400, `Invalid request. ${z.prettifyError(query.error)}`);
    return;
  }
  if (!query.data.key) {
    sendText(response, 403, `The Google Maps Platform server rejected your request. ${missingMapsKeyMessage}`);
    return;
  }
  if (shouldInjectError(context, "streetViewImage")) {
    sendText(response, 500, "The Street View image could not be generated because of a server error. Try again.");
    return;
  }
  if (!query.data.location && !query.data.pano) {
    sendText(response, 400, "Invalid request. Missing the 'location' or 'pano' parameter.");
    return;
  }

  const [width, height] = query.data.size;
  const lookup = locatePanorama(context, query.data);
  if (lookup.kind === "unknown-pano") {
    sendText(response, 404, `No panorama has the id '${query.data.pano}'.`);
    return;
  }
  if (lookup.kind !== "found") {
    if (query.data.return_error_code === "true") {
      sendText(response, 404, "No Street View imagery was found at this location.");
      return;
    }
    sendBytes(response, 200, "image/png", encodePng(renderNoImageryImage(width, height)));
    return;
  }

  // Without a heading the camera faces the requested location, or north for a bare pano id.
  const headingDeg = query.data.heading ?? (lookup.target ? bearingBetween(lookup.panorama.location, lookup.target) : 0);
  const view = { headingDeg: ((headingDeg % 360) + 360) % 360, fovDeg: query.data.fov, pitchDeg: query.data.pitch, width, height };
  const cacheKey = [lookup.panorama.panoId, width, height, view.headingDeg.toFixed(2), view.fovDeg, view.pitchDeg].join("|");

  let png = imageCache.get(cacheKey);
  if (!png) {
    png = encodePng(renderStreetViewImage(planScene(lookup.panorama, view), width, height));
    imageCache.set(cacheKey, png);
    if (imageCache.size > imageCacheEntries) {
      imageCache.delete(imageCache.keys().next().value ?? "");
    }
  }
  sendBytes(response, 200, "image/png", png);
}

type PanoramaLookup =
  | { kind: "found"; panorama: Panorama; target: LatLng | null }
  | { kind: "no-imagery" }
  | { kind: "not-found" }
  | { kind: "unknown-pano" };

/** Finds the panorama for a `pano` id, a "lat,lng" location or a place name, in that order. */
function locatePanorama(
  context: EmulatorContext,
  query: { pano?: string | undefined; location?: string | undefined; radius?: number | undefined },
): PanoramaLookup {
  if (query.pano) {
    const panorama = decodePanoId(query.pano);
    return panorama ? { kind: "found", panorama, target: null } : { kind: "unknown-pano" };
  }

  const target = parseLatLng(query.location ?? "") ?? geocodeAddress(query.location ?? "")?.geometry.location ?? null;
  if (!target) {
    return { kind: "not-found" };
  }

  const panorama = findPanorama(target, context.knobs().noImageryRate, query.radius ?? defaultSearchRadiusM);
  return panorama ? { kind: "found", panorama, target } : { kind: "no-imagery" };
}

function parseLatLng(text: string): LatLng | null {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) {
    return null;
  }

  const lat = Number(match[1]);
  const lng = Number(match[2]);
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : null;
}

function sendMetadataStatus(response: ServerResponse, httpStatus: number, status: string, message: string): void {
  sendJson(response, httpStatus, { error_message: message, status });
}
