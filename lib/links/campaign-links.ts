import { getConfig } from "@/lib/config";
import { signResultsToken } from "@/lib/links/results-token";

/** Builds the signed link that opens a campaign's page, valid for RESULTS_LINK_TTL_DAYS. */
export function campaignPageUrl(campaignId: string, now = new Date()): string {
  const { appUrl, secretKey, resultsLinkTtlDays } = getConfig();
  const expiresAt = new Date(now.getTime() + resultsLinkTtlDays * 24 * 60 * 60 * 1000);
  const token = signResultsToken(campaignId, expiresAt, secretKey);
  return `${appUrl}/campaigns/${campaignId}?t=${encodeURIComponent(token)}`;
}
