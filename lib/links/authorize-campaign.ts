import { z } from "zod";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { verifyResultsToken } from "@/lib/links/results-token";

const campaignIdSchema = z.uuid();

/**
 * Checks that `token` opens `campaignId`. Every failure — a malformed id, a missing, altered,
 * expired or foreign token — is the same 404, so a caller learns nothing about which ids exist.
 */
export function authorizeCampaign(campaignId: string, token: string | null | undefined): string {
  return authorizeCampaignAccess(campaignId, token).campaignId;
}

/**
 * Like `authorizeCampaign`, and also returns the reuse email the token proves access to: set only
 * for the link emailed to that address, null for every other link.
 */
export function authorizeCampaignAccess(campaignId: string, token: string | null | undefined): { campaignId: string; reuseEmail: string | null } {
  if (!campaignIdSchema.safeParse(campaignId).success || !token) throw campaignNotFound();

  const check = verifyResultsToken(token, getConfig().secretKey, { campaignId });
  if (!check.valid) throw campaignNotFound();
  return { campaignId, reuseEmail: check.reuseEmail ?? null };
}

/** The one not-found error of every campaign surface, so a missing campaign reads like a bad link. */
export function campaignNotFound(): AppError {
  return new AppError("not_found", "Campaign not found. Open it from the link in your email or the page you paid from.");
}
