import type { NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { maintenanceResponse } from "@/lib/http/maintenance";

/**
 * Returns 503 with Retry-After for the upload page while MAINTENANCE_MODE is on: a friendly page to
 * a browser, JSON to anything else. Campaign pages are not matched, so customers who paid keep
 * watching their progress. The API routes check maintenance themselves, because matching them
 * here would make Next.js 16 copy every request body for the proxy, cut off at 10 MB by default
 * (`experimental.proxyClientMaxBodySize`), below the upload limit.
 */
export function proxy(request: NextRequest) {
  const config = getConfig();
  if (config.maintenanceMode) return maintenanceResponse(request, "upload", config.maintenanceRetryAfterSeconds);
  return undefined;
}

export const config = { matcher: "/" };
