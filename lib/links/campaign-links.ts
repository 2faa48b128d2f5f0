import { getConfig } from "@/lib/config";
import { signResultsToken } from "@/lib/links/results-token";

/**
 * Builds the signed link that opens a campaign's page, valid for RESULTS_LINK_TTL_DAYS. With
 * `reuseEmail` the link also proves access to that mailbox: send such a link only to that address.
 */
export function campaignPageUrl(campaignId: string, options: { reuseEmail?: string | null; now?: Date } = {}): string {
  const { appUrl, secretKey, resultsLinkTtlDays } = getConfig();
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + resultsLinkTtlDays * 24 * 60 * 60 * 1000);
  const token = signResultsToken(campaignId, expiresAt, secretKey, { reuseEmail: options.reuseEmail ?? undefined });
  return `${appUrl}/campaigns/${campaignId}?t=${encodeURIComponent(token)}`;
}
