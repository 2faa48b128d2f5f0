import type { ServerResponse } from "node:http";
import { z } from "zod";

import { shouldInjectError, simulateLatency, type EmulatorContext } from "./context";
import { geocodeAddress } from "./geocoder";
import { queryParams, sendJson, type Route, type RouteRequest } from "./http";

/** Message of Google Maps web services when the `key` parameter is missing. */
export const missingMapsKeyMessage =
  "You must use an API key to authenticate each request to Google Maps Platform APIs. " +
  "For additional information, please refer to http://g.co/dev/maps-no-account";

const geocodeQuerySchema = z.object({
  key: z.string().trim().optional(),
  address: z.string().trim().min(1).max(2_048).optional(),
  /** Component filters such as `postal_code:48208|country:US`. */
  components: z.string().trim().min(1).optional(),
  language: z.string().optional(),
  region: z.string().optional(),
});

/** Routes of the Google Geocoding API (JSON output only). */
export function geocodingRoutes(context: EmulatorContext): Route[] {
  return [
    {
      method: "GET",
      pattern: /^\/maps\/api\/geocode\/json$/,
      handler: (request, response) => handleGeocode(context, request, response),
    },
  ];
}

async function handleGeocode(context: EmulatorContext, request: RouteRequest, response: ServerResponse): Promise<void> {
  context.stats.countRequest("geocode");
  await simulateLatency(context, "geocode");

  const query = geocodeQuerySchema.safeParse(queryParams(request.url));
  if (!query.success) {
    sendGeocodeStatus(response, 400, "INVALID_REQUEST", `Invalid request. ${z.prettifyError(query.error)}`);
    return;
  }
  if (!query.data.key) {
    sendGeocodeStatus(response, 200, "REQUEST_DENIED", missingMapsKeyMessage);
    return;
  }
  if (shouldInjectError(context, "geocode")) {
    sendInjectedError(context, response);
    return;
  }

  const address = [query.data.address, componentsAsAddress(query.data.components)].filter(Boolean).join(", ");
  if (address === "") {
    sendGeocodeStatus(response, 400, "INVALID_REQUEST", "Invalid request. Missing the 'address', 'components', 'latlng' or 'place_id' parameter.");
    return;
  }

  const result = geocodeAddress(address);
  if (!result) {
    sendJson(response, 200, { results: [], status: "ZERO_RESULTS" });
    return;
  }
  sendJson(response, 200, { results: [result], status: "OK" });
}

/** Both real failure shapes of the service: an HTTP 500, or a 200 carrying OVER_QUERY_LIMIT. */
function sendInjectedError(context: EmulatorContext, response: ServerResponse): void {
  if (context.random() < 0.5) {
    sendGeocodeStatus(response, 500, "UNKNOWN_ERROR", "The request could not be processed due to a server error. The request may succeed if you try again.");
    return;
  }
  sendGeocodeStatus(response, 200, "OVER_QUERY_LIMIT", "You have exceeded your rate-limit for this API.");
}

function sendGeocodeStatus(response: ServerResponse, httpStatus: number, status: string, message: string): void {
  sendJson(response, httpStatus, { error_message: message, results: [], status });
}

/** Turns `postal_code:48208|locality:Detroit|administrative_area:MI` into address text. */
function componentsAsAddress(components: string | undefined): string {
  if (!components) {
    return "";
  }

  const values = new Map<string, string>();
  for (const filter of components.split("|")) {
    const [name, ...rest] = filter.split(":");
    if (name && rest.length > 0) {
      values.set(name.trim().toLowerCase(), rest.join(":").trim());
    }
  }

  const place = [values.get("route"), values.get("locality"), values.get("administrative_area"), values.get("postal_code")];
  return place.filter(Boolean).join(" ");
}
