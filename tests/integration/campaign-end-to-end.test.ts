import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  closeDb,
  countsByStatus,
  db,
  emulatorStats,
  mailbox,
  payCampaign,
  realListsDir,
  stack,
  uploadList,
  waitForCampaign,
} from "./helpers/stack-client";

const terminal = ["scored", "unassessable", "no_imagery", "geocode_failed", "failed"];

afterAll(closeDb);

describe("campaign from a real list", () => {
  it("scores every property and emails once", async () => {
    const statsBefore = await emulatorStats();
    const { campaignId, token } = await uploadList(path.join(realListsDir, "redfin-sold-export-washington-dc.csv"));
    const email = `dc-${campaignId.slice(0, 8)}@example.com`;

    await payCampaign(campaignId, token, email);
    const finished = await waitForCampaign(campaignId, (row) => row.status === "completed" && row.completionEmailSentAt !== null, 8 * 60_000);

    const counts = await countsByStatus(campaignId);
    const terminalTotal = terminal.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
    expect(counts.pending ?? 0).toBe(0);
    expect(counts.queued ?? 0).toBe(0);
    expect(terminalTotal).toBe(finished.propertyCount);
    expect(finished.finishedCount).toBe(finished.propertyCount);
    expect(counts.scored ?? 0).toBeGreaterThan(finished.propertyCount / 2);

    const scored = await db().query<{ missing: string }>(
      `SELECT count(*) AS missing FROM "Property" WHERE "campaignId" = $1 AND status = 'scored' AND (score IS NULL OR tier IS NULL OR reasoning IS NULL OR heading IS NULL)`,
      [campaignId],
    );
    expect(Number(scored.rows[0]?.missing)).toBe(0);

    const unexplained = await db().query<{ count: string }>(
      `SELECT count(*) FROM "Property" WHERE "campaignId" = $1 AND status IN ('no_imagery', 'geocode_failed', 'failed') AND "failureReason" IS NULL`,
      [campaignId],
    );
    expect(Number(unexplained.rows[0]?.count)).toBe(0);

    const { rows: money } = await db().query<{ paymentIntentId: string; amountPaidCents: number; refundedCents: number; refundedPropertyCount: number }>(
      `SELECT "paymentIntentId", "amountPaidCents", "refundedCents", "refundedPropertyCount" FROM "Campaign" WHERE id = $1`,
      [campaignId],
    );
    const unscored = (counts.unassessable ?? 0) + (counts.no_imagery ?? 0) + (counts.geocode_failed ?? 0) + (counts.failed ?? 0);
    expect(money[0]?.amountPaidCents).toBe(finished.propertyCount * 5);
    expect(money[0]?.refundedPropertyCount).toBe(unscored);
    expect(money[0]?.refundedCents).toBe(unscored * 5);
    const refunds = await fetch(`${stack.emulatorUrl}/v1/refunds?payment_intent=${money[0]?.paymentIntentId}`, {
      headers: { authorization: "Bearer sk_test_emulator" },
    }).then((response) => response.json() as Promise<{ data: Array<{ amount: number }> }>);
    expect(refunds.data).toHaveLength(1);
    expect(refunds.data[0]?.amount).toBe(unscored * 5);

    const emails = (await mailbox()).filter((mail) => mail.to.includes(email));
    expect(emails).toHaveLength(1);
    expect(emails[0]?.html).toContain(`/campaigns/${campaignId}?t=`);
    expect(emails[0]?.html).toContain(`$${(unscored * 5 / 100).toFixed(2)}`);

    const statsAfter = await emulatorStats();
    expect(statsAfter.gemini.rateLimitedCount - statsBefore.gemini.rateLimitedCount).toBe(0);
    expect(statsAfter.gemini.maxCallsInAnyWindow).toBeLessThanOrEqual(stack.geminiRpm);
  });
});
