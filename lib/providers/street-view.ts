import { z } from "zod";
import { getConfig } from "@/lib/config";
import { fetchGoogle } from "@/lib/providers/geocode-address";
import { ProviderError } from "@/lib/providers/provider-error";

const metadataSchema = z.object({
  status: z.string(),
  pano_id: z.string().optional(),
  location: z.object({ lat: z.number(), lng: z.number() }).optional(),
  date: z.string().optional(),
  error_message: z.string().optional(),
});

export type PanoramaOutcome =
  | { kind: "found"; panoId: string; latitude: number; longitude: number; imageryDate: string | null }
  | { kind: "none"; reason: string };

/** Finds the outdoor panorama nearest a point with the Street View metadata endpoint, which is free. */
export async function findPanorama(latitude: number, longitude: number): Promise<PanoramaOutcome> {
  const { google } = getConfig();
  const url = new URL(`${google.baseUrl}/maps/api/streetview/metadata`);
  url.searchParams.set("location", `${latitude},${longitude}`);
  url.searchParams.set("radius", "50");
  url.searchParams.set("source", "outdoor");
  url.searchParams.set("key", google.apiKey);

  const response = await fetchGoogle(url);
  const body = metadataSchema.parse(await response.json());

  if (body.status === "ZERO_RESULTS" || body.status === "NOT_FOUND") {
    return { kind: "none", reason: "Street View has no imagery within 50 m of this address." };
  }
  if (body.status === "OVER_QUERY_LIMIT" || body.status === "UNKNOWN_ERROR") {
    throw new ProviderError("google_maps", `Street View metadata returned ${body.status}`, true);
  }
  if (body.status !== "OK" || !body.pano_id || !body.location) {
    throw new ProviderError("google_maps", `Street View metadata returned ${body.status}: ${body.error_message ?? "no message"}`, false);
  }

  return {
    kind: "found",
    panoId: body.pano_id,
    latitude: body.location.lat,
    longitude: body.location.lng,
    imageryDate: body.date ?? null,
  };
}

export type StreetViewImage = { contentType: string; bytes: Buffer };

/** Downloads the panorama's image at the given heading (degrees clockwise from north). */
export async function fetchStreetViewImage(panoId: string, heading: number): Promise<StreetViewImage> {
  const { google } = getConfig();
  const url = new URL(`${google.baseUrl}/maps/api/streetview`);
  url.searchParams.set("pano", panoId);
  url.searchParams.set("size", "640x400");
  url.searchParams.set("heading", heading.toFixed(2));
  url.searchParams.set("fov", "80");
  url.searchParams.set("pitch", "5");
  url.searchParams.set("key", google.apiKey);

  const response = await fetchGoogle(url);
  if (!response.ok) {
    throw new ProviderError("google_maps", `Street View image returned HTTP ${response.status} for panorama ${panoId}`, false);
  }

  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.startsWith("image/")) {
    throw new ProviderError("google_maps", `Street View image returned ${contentType || "no content type"}, not an image`, true);
  }
  return { contentType, bytes: Buffer.from(await response.arrayBuffer()) };
}
