import path from "node:path";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../scripts/stack/start-stack";
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
} from "../integration/helpers/stack-client";
import { startFaultStack } from "./fault-stack";

/** Properties in flight, all campaigns together, at the test budget of 600 calls a minute (600 / 60 × 6). */
const windowSize = 60;

let running: Stack;

beforeAll(async () => {
  running = await startFaultStack("faults-restarts");
});

afterAll(async () => {
  await closeDb();
  await running?.stop();
});

/** Runs the DC list, applies `fault` once 80 properties are done, and checks nothing was lost or doubled. */
async function runThrough(fault: () => Promise<void>, label: string) {
  const statsBefore = await emulatorStats();
  const { campaignId, token } = await uploadList(path.join(realListsDir, "redfin-sold-export-washington-dc.csv"));
  const email = `${label}-${campaignId.slice(0, 8)}@example.com`;
  await payCampaign(campaignId, token, email);
  await waitForCampaign(campaignId, (row) => row.finishedCount >= 80, 5 * 60_000);

  await fault();
  const finished = await waitForCampaign(campaignId, (row) => row.completionEmailSentAt !== null, 10 * 60_000);

  const counts = await countsByStatus(campaignId);
  expect(counts.pending ?? 0).toBe(0);
  expect(counts.queued ?? 0).toBe(0);
  expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(finished.propertyCount);
  expect(finished.finishedCount).toBe(finished.propertyCount);
  expect((await mailbox()).filter((mail) => mail.to.includes(email))).toHaveLength(1);

  // One payment, refunded at most once, by exactly the amount the campaign records.
  const emulatorStripe = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: Number(new URL(stack.emulatorUrl).port), protocol: "http", telemetry: false });
  const { rows: payments } = await db().query<{ paymentIntentId: string; refundedCents: number | null }>(
    `SELECT "paymentIntentId", "refundedCents" FROM "Campaign" WHERE id = $1`,
    [campaignId],
  );
  const refunds = await emulatorStripe.refunds.list({ payment_intent: payments[0]!.paymentIntentId });
  expect(refunds.data.length).toBeLessThanOrEqual(1);
  expect(refunds.data.reduce((sum, refund) => sum + refund.amount, 0)).toBe(payments[0]!.refundedCents ?? 0);

  // Only work in flight at the fault may be repeated: at most one extra Gemini call per property
  // of the window, and no finished property scored twice.
  const { rows } = await db().query<{ retried: string }>(
    `SELECT count(*) AS retried FROM "Property" WHERE "campaignId" = $1 AND "scoringAttempts" > 1`,
    [campaignId],
  );
  expect(Number(rows[0]?.retried)).toBeLessThanOrEqual(windowSize);
  const statsAfter = await emulatorStats();
  const geminiCalls = statsAfter.gemini.acceptedCallTimes.length - statsBefore.gemini.acceptedCallTimes.length;
  const judged = (counts.scored ?? 0) + (counts.unassessable ?? 0);
  expect(geminiCalls).toBeGreaterThanOrEqual(judged);
  expect(geminiCalls).toBeLessThanOrEqual(judged + (counts.failed ?? 0) * 5 + windowSize);
}

describe("restarts mid-campaign", () => {
  it("completes after the app is killed", async () => {
    await runThrough(() => running.restartApp(), "app-killed");
  });

  it("completes after the engine is killed", async () => {
    await runThrough(() => running.restartEngine(), "engine-killed");
  });

  it("completes after PostgreSQL is down", async () => {
    await runThrough(() => running.restartDatabase(5000), "database-down");
  });
});
