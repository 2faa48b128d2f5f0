import type { NextRequest } from "next/server";
import { enforceRateLimit, type RateLimitedAction } from "@/lib/http/rate-limit";
import { assertNoBody } from "@/lib/http/read-body";
import { authorizeCampaignAccess } from "@/lib/links/authorize-campaign";

/**
 * Checks a bodiless GET request to a campaign surface whose link token is in the `t` query
 * parameter. The checks run in this order: any request body is a 413, then the client's rate
 * limit for `rateLimit` when one is given (429), then the token (the same 404 for every failure).
 * Returns the reuse email the token proves access to, or null.
 */
export async function authorizeLinkRequest(
  request: NextRequest,
  campaignId: string,
  options: { rateLimit?: RateLimitedAction } = {},
): Promise<{ campaignId: string; reuseEmail: string | null }> {
  assertNoBody(request);
  if (options.rateLimit) await enforceRateLimit(request, options.rateLimit);

  return authorizeCampaignAccess(campaignId, request.nextUrl.searchParams.get("t"));
}
