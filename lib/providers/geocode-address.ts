import { z } from "zod";
import { getConfig } from "@/lib/config";
import { locationPrecisionLabel } from "@/lib/labels/customer-labels";
import { ProviderError, parseRetryAfter, providerTimeoutMs } from "@/lib/providers/provider-error";

const geocodeResponseSchema = z.object({
  status: z.string(),
  error_message: z.string().optional(),
  results: z
    .array(
      z.object({
        formatted_address: z.string().optional(),
        geometry: z.object({
          location: z.object({ lat: z.number(), lng: z.number() }),
          location_type: z.string(),
        }),
      }),
    )
    .default([]),
});

/** Location types precise enough to photograph the right house; the others are street or area centroids. */
const preciseLocationTypes = new Set(["ROOFTOP", "RANGE_INTERPOLATED"]);

export type GeocodeOutcome =
  | { kind: "found"; latitude: number; longitude: number; locationType: string; formattedAddress: string | null }
  | { kind: "not_found"; reason: string }
  | { kind: "imprecise"; latitude: number; longitude: number; locationType: string; reason: string };

/** Geocodes one address with the Google Geocoding API and classifies the result. */
export async function geocodeAddress(address: string): Promise<GeocodeOutcome> {
  const { google } = getConfig();
  const url = new URL(`${google.baseUrl}/maps/api/geocode/json`);
  url.searchParams.set("address", address);
  url.searchParams.set("key", google.apiKey);

  const response = await fetchGoogle(url);
  const body = geocodeResponseSchema.parse(await response.json());

  switch (body.status) {
    case "OK":
      break;
    case "ZERO_RESULTS":
      return { kind: "not_found", reason: "Address not found by Google Geocoding." };
    case "OVER_QUERY_LIMIT":
    case "UNKNOWN_ERROR":
      throw new ProviderError("google_maps", `Geocoding returned ${body.status}`, true, parseRetryAfter(response.headers.get("retry-after")));
    default:
      throw new ProviderError("google_maps", `Geocoding returned ${body.status}: ${body.error_message ?? "no message"}`, false);
  }

  const best = body.results[0];
  if (!best) return { kind: "not_found", reason: "Address not found by Google Geocoding." };

  const { lat, lng } = best.geometry.location;
  const locationType = best.geometry.location_type;
  if (!preciseLocationTypes.has(locationType)) {
    return {
      kind: "imprecise",
      latitude: lat,
      longitude: lng,
      locationType,
      reason: `Only an approximate location was found (${locationPrecisionLabel(locationType).toLowerCase()}), so the house cannot be photographed reliably.`,
    };
  }
  return { kind: "found", latitude: lat, longitude: lng, locationType, formattedAddress: best.formatted_address ?? null };
}

/** Sends a GET to a Google Maps endpoint and turns transport failures and 5xx/429 into ProviderErrors. */
export async function fetchGoogle(url: URL): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(providerTimeoutMs) });
  } catch (error) {
    throw new ProviderError("google_maps", `Google Maps request failed: ${(error as Error).message}`, true);
  }

  if (response.status === 429 || response.status >= 500) {
    throw new ProviderError(
      "google_maps",
      `Google Maps returned HTTP ${response.status}`,
      true,
      parseRetryAfter(response.headers.get("retry-after")),
    );
  }
  if (!response.ok && response.status !== 404) {
    throw new ProviderError("google_maps", `Google Maps returned HTTP ${response.status}`, false);
  }
  return response;
}
