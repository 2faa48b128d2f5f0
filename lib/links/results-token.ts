import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const payloadSchema = z.object({
  /** Campaign id the token opens. */
  c: z.uuid(),
  /** Expiry, in seconds since the Unix epoch. */
  e: z.number().int().positive(),
  /**
   * Reuse email: present only in the link emailed to that address, so holding the token proves
   * access to the mailbox, and the page may price in that address's earlier scores.
   */
  r: z.string().min(3).max(254).optional(),
});

/**
 * Signs a link token that opens one campaign's page, results, images and export until it expires.
 * Format: base64url(JSON payload) "." base64url(HMAC-SHA256(secret, payload)).
 */
export function signResultsToken(campaignId: string, expiresAt: Date, secret: string, options: { reuseEmail?: string } = {}): string {
  const claims = { c: campaignId, e: Math.floor(expiresAt.getTime() / 1000), ...(options.reuseEmail ? { r: options.reuseEmail } : {}) };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

export type TokenCheck = { valid: true; campaignId: string; expiresAt: Date; reuseEmail?: string } | { valid: false; reason: "malformed" | "bad_signature" | "expired" | "wrong_campaign" };

/** Verifies a token's signature and expiry, and that it belongs to `campaignId` when one is given. */
export function verifyResultsToken(token: string, secret: string, options: { campaignId?: string; now?: Date } = {}): TokenCheck {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return { valid: false, reason: "malformed" };

  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { valid: false, reason: "bad_signature" };

  let decoded: z.infer<typeof payloadSchema>;
  try {
    decoded = payloadSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return { valid: false, reason: "malformed" };
  }

  const now = options.now ?? new Date();
  if (decoded.e * 1000 <= now.getTime()) return { valid: false, reason: "expired" };
  if (options.campaignId !== undefined && decoded.c !== options.campaignId) return { valid: false, reason: "wrong_campaign" };
  return { valid: true, campaignId: decoded.c, expiresAt: new Date(decoded.e * 1000), ...(decoded.r ? { reuseEmail: decoded.r } : {}) };
}

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}
