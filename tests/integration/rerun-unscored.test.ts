import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, countsByStatus, db, emulatorStats, mailbox, payCampaign, readCampaign, setKnobs, stack, uploadList, waitForCampaign } from "./helpers/stack-client";

/**
 * Item 7's "re-running unscored properties later is free", injected for real: Street View has no
 * imagery anywhere during the paid run, so every located property ends unscored and is refunded;
 * with imagery back, the customer re-runs them from the campaign page at no charge.
 */

afterAll(async () => {
  await setKnobs({ noImageryRate: 0.08 });
  await closeDb();
});

const run = Date.now().toString(36);
const streets = ["2300 E MADISON ST", "1500 N BROADWAY", "900 N WOLFE ST", "2600 E PRESTON ST", "1100 N CAROLINE ST", "3100 E BALTIMORE ST"];

async function rerun(campaignId: string, token: string) {
  const response = await fetch(`${stack.appUrl}/api/campaigns/${campaignId}/rerun`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  return { status: response.status, body: (await response.json()) as { run?: number; propertyCount?: number; error?: { message: string } } };
}

type Stats = { requests: { gemini: number }; stripe: { sessionsCreated: number; sessionsPaid: number; refunds: number } };

async function stats(): Promise<Stats> {
  return (await emulatorStats()) as unknown as Stats;
}

async function refundsOf(paymentIntentId: string): Promise<Array<{ amount: number }>> {
  const response = await fetch(`${stack.emulatorUrl}/v1/refunds?payment_intent=${paymentIntentId}`, { headers: { authorization: "Bearer sk_test_emulator" } });
  return ((await response.json()) as { data: Array<{ amount: number }> }).data;
}

describe("re-running unscored properties", () => {
  it("scores them again for free, without a second refund or email", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "curbscore-rerun-"));
    const file = path.join(dir, `rerun-${run}.csv`);
    writeFileSync(file, `fullAddress\n${streets.join("\n")}\n`);
    const { campaignId, token } = await uploadList(file, { defaultCity: "Baltimore", defaultState: "MD" });
    const email = `rerun-${run}@example.com`;

    // Not before the campaign is complete.
    const early = await rerun(campaignId, token);
    expect(early.status).toBe(409);
    expect(early.body.error?.message).toBe("Unscored properties can be re-run once the campaign is paid for and complete.");

    await setKnobs({ noImageryRate: 1 });
    try {
      await payCampaign(campaignId, token, email);
      await waitForCampaign(campaignId, (row) => row.status === "completed" && row.completionEmailSentAt !== null, 3 * 60_000);
    } finally {
      await setKnobs({ noImageryRate: 0.08 });
    }

    const firstCounts = await countsByStatus(campaignId);
    expect(firstCounts.scored ?? 0).toBe(0);
    const { rows } = await db().query<{ paymentIntentId: string; refundedCents: number; refundedPropertyCount: number; amountPaidCents: number }>(
      `SELECT "paymentIntentId", "refundedCents", "refundedPropertyCount", "amountPaidCents" FROM "Campaign" WHERE id = $1`,
      [campaignId],
    );
    const paid = rows[0]!;
    expect(paid.refundedPropertyCount).toBe(streets.length);
    // Six properties at 5¢ were charged Stripe's 50¢ minimum. None was scored, so all of it goes back.
    expect(paid.amountPaidCents).toBe(50);
    expect(paid.refundedCents).toBe(50);
    const before = await stats();

    const started = await rerun(campaignId, token);
    expect(started.status).toBe(200);
    expect(started.body).toEqual({ run: 1, propertyCount: streets.length });
    // A second click while it runs starts nothing, and its error gives the reason.
    const second = await rerun(campaignId, token);
    expect(second.status).toBe(409);
    expect(second.body.error?.message).toContain("already running");

    const finished = await waitForCampaign(campaignId, (row) => row.status === "completed", 3 * 60_000);
    expect(finished.finishedCount).toBe(streets.length);
    const counts = await countsByStatus(campaignId);
    expect(counts.scored ?? 0).toBeGreaterThan(0);
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(streets.length);
    const after = await stats();

    // Free: no new checkout, charge or refund, and the refund figures stand.
    expect(after.stripe.sessionsCreated).toBe(before.stripe.sessionsCreated);
    expect(after.stripe.sessionsPaid).toBe(before.stripe.sessionsPaid);
    expect(after.stripe.refunds).toBe(before.stripe.refunds);
    expect(await refundsOf(paid.paymentIntentId)).toHaveLength(1);
    const { rows: again } = await db().query<{ refundedCents: number; rerunCount: number }>(`SELECT "refundedCents", "rerunCount" FROM "Campaign" WHERE id = $1`, [campaignId]);
    expect(again[0]).toEqual({ refundedCents: paid.refundedCents, rerunCount: 1 });
    expect(after.requests.gemini).toBeGreaterThan(before.requests.gemini);

    // Scored properties carry their image and score; one email in all.
    const { rows: scored } = await db().query<{ missing: string }>(
      `SELECT count(*) AS missing FROM "Property" p LEFT JOIN "PropertyImage" i ON i."propertyId" = p.id
       WHERE p."campaignId" = $1 AND p.status = 'scored' AND (p.score IS NULL OR i."propertyId" IS NULL)`,
      [campaignId],
    );
    expect(Number(scored[0]?.missing)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await mailbox()).filter((mail) => mail.to.includes(email))).toHaveLength(1);
    expect((await readCampaign(campaignId)).status).toBe("completed");

    // With the refund made, the page shows no pending refund.
    const progress = async () => {
      const response = await fetch(`${stack.appUrl}/api/campaigns/${campaignId}/progress?t=${encodeURIComponent(token)}`);
      expect(response.status).toBe(200);
      return (await response.json()) as { refundPendingCount: number; canRerun: boolean };
    };
    expect((await progress()).refundPendingCount).toBe(0);
  });

  it("reports a refund that has not gone through", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "curbscore-refund-pending-"));
    const file = path.join(dir, `refund-pending-${run}.csv`);
    writeFileSync(file, `fullAddress\n${streets.slice(0, 3).join("\n")}\n`);
    const { campaignId, token } = await uploadList(file, { defaultCity: "Baltimore", defaultState: "MD" });

    await setKnobs({ noImageryRate: 1 });
    try {
      await payCampaign(campaignId, token, `refund-pending-${run}@example.com`);
      await waitForCampaign(campaignId, (row) => row.status === "completed" && row.completionEmailSentAt !== null, 3 * 60_000);
    } finally {
      await setKnobs({ noImageryRate: 0.08 });
    }

    // As when Stripe keeps failing the refund: the campaign completed minutes ago, and no refund is recorded.
    await db().query(`UPDATE "Campaign" SET "refundedAt" = NULL, "completedAt" = "completedAt" - interval '5 minutes' WHERE id = $1`, [campaignId]);
    const response = await fetch(`${stack.appUrl}/api/campaigns/${campaignId}/progress?t=${encodeURIComponent(token)}`);
    expect(response.status).toBe(200);
    const progress = (await response.json()) as { refundPendingCount: number; canRerun: boolean };
    expect(progress.refundPendingCount).toBe(3);
    expect(progress.canRerun).toBe(false);
    const page = await (await fetch(`${stack.appUrl}/campaigns/${campaignId}?t=${encodeURIComponent(token)}`)).text();
    expect(page).toMatch(/The refund for (<!-- -->)?3 properties(<!-- -->)? without a score has not gone through yet/);
  });
});
