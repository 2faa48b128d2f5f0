import { describe, expect, it } from "vitest";
import { signResultsToken, verifyResultsToken } from "@/lib/links/results-token";

const secret = "a".repeat(64);
const campaignId = "0b7c4f0e-6f1a-4d55-9a51-3f0f6f1f2a10";
const now = new Date("2026-12-04T12:00:00Z");
const inOneDay = new Date(now.getTime() + 24 * 60 * 60 * 1000);

describe("results token", () => {
  it("verifies a token it signed", () => {
    const check = verifyResultsToken(signResultsToken(campaignId, inOneDay, secret), secret, { campaignId, now });
    expect(check).toEqual({ valid: true, campaignId, expiresAt: new Date(Math.floor(inOneDay.getTime() / 1000) * 1000) });
  });

  it("carries the reuse email only when signed with one", () => {
    const plain = verifyResultsToken(signResultsToken(campaignId, inOneDay, secret), secret, { campaignId, now });
    expect(plain.valid && plain.reuseEmail).toBeUndefined();
    const reuse = verifyResultsToken(signResultsToken(campaignId, inOneDay, secret, { reuseEmail: "x@example.com" }), secret, { campaignId, now });
    expect(reuse).toMatchObject({ valid: true, campaignId, reuseEmail: "x@example.com" });
  });

  it("rejects a plain token given a reuse email by hand", () => {
    const [, signature] = signResultsToken(campaignId, inOneDay, secret).split(".");
    const forged = Buffer.from(JSON.stringify({ c: campaignId, e: Math.floor(inOneDay.getTime() / 1000), r: "x@example.com" })).toString("base64url");
    expect(verifyResultsToken(`${forged}.${signature}`, secret, { now })).toEqual({ valid: false, reason: "bad_signature" });
  });

  it("rejects an expired token", () => {
    const token = signResultsToken(campaignId, inOneDay, secret);
    expect(verifyResultsToken(token, secret, { now: new Date(inOneDay.getTime() + 1000) })).toEqual({ valid: false, reason: "expired" });
  });

  it("rejects another secret", () => {
    const token = signResultsToken(campaignId, inOneDay, secret);
    expect(verifyResultsToken(token, "b".repeat(64), { now })).toEqual({ valid: false, reason: "bad_signature" });
  });

  it("rejects an altered payload", () => {
    const [, signature] = signResultsToken(campaignId, inOneDay, secret).split(".");
    const otherPayload = Buffer.from(JSON.stringify({ c: campaignId, e: 4_102_444_800 })).toString("base64url");
    expect(verifyResultsToken(`${otherPayload}.${signature}`, secret, { now })).toEqual({ valid: false, reason: "bad_signature" });
  });

  it("rejects a token for another campaign", () => {
    const token = signResultsToken(campaignId, inOneDay, secret);
    const check = verifyResultsToken(token, secret, { campaignId: "7d1f3c1a-2b1e-4c3d-8e9f-0a1b2c3d4e5f", now });
    expect(check).toEqual({ valid: false, reason: "wrong_campaign" });
  });

  it.each(["", "abc", "a.b.c", "..", "not-base64.sig"])("rejects malformed token %j", (token) => {
    expect(verifyResultsToken(token, secret, { now }).valid).toBe(false);
  });
});
