import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db, emulatorStats, payCampaign, readCampaign, realListsDir, stack, uploadList, waitForCampaign } from "./helpers/stack-client";

afterAll(closeDb);

/** Finish times of a campaign's properties, in milliseconds since the epoch, in order. */
async function finishTimes(campaignId: string): Promise<number[]> {
  const { rows } = await db().query<{ finishedAt: Date }>(
    `SELECT "finishedAt" FROM "Property" WHERE "campaignId" = $1 AND "finishedAt" IS NOT NULL ORDER BY "finishedAt"`,
    [campaignId],
  );
  return rows.map((row) => row.finishedAt.getTime());
}

describe("fair scheduling", () => {
  it("finishes a late small campaign first", async () => {
    const statsBefore = await emulatorStats();
    const large = await uploadList(path.join(realListsDir, "detroit-mi-blight-ticket-addresses.csv"));
    await payCampaign(large.campaignId, large.token, "large@example.com");
    await waitForCampaign(large.campaignId, (row) => row.finishedCount >= 100, 5 * 60_000);

    // Fifteen Baltimore street lines, scored with the city and state the customer supplies.
    const small = await uploadList(path.join(__dirname, "fixtures", "baltimore-fifteen.csv"), { defaultCity: "Baltimore", defaultState: "MD" });
    const { rows: paid } = await db().query<{ now: Date }>("SELECT now()");
    const smallPaidAt = paid[0]!.now.getTime();
    await payCampaign(small.campaignId, small.token, "small@example.com");

    const smallDone = await waitForCampaign(small.campaignId, (row) => row.status === "completed", 5 * 60_000);
    const largeAtSmallDone = await readCampaign(large.campaignId);
    expect(smallDone.finishedCount).toBe(smallDone.propertyCount);
    expect(largeAtSmallDone.status).toBe("processing");
    expect(largeAtSmallDone.finishedCount).toBeLessThan(largeAtSmallDone.propertyCount);

    const smallTimes = await finishTimes(small.campaignId);
    const largeTimes = await finishTimes(large.campaignId);
    const smallLast = smallTimes[smallTimes.length - 1]!;
    const largeDuringSmall = largeTimes.filter((time) => time >= smallPaidAt && time <= smallLast).length;
    // The large campaign keeps progressing while the small one runs: it is slowed, not stopped.
    expect(largeDuringSmall).toBeGreaterThan(0);
    // A first-come, first-served queue would finish the large campaign's whole backlog (about
    // 1,850 properties) first. Sharing lets through only the large campaign's window, already
    // queued at the throttle, and then alternates the two.
    expect(largeDuringSmall).toBeLessThan(smallDone.propertyCount * 10);

    await waitForCampaign(large.campaignId, (row) => row.status === "completed", 10 * 60_000);
    const statsAfter = await emulatorStats();
    expect(statsAfter.gemini.rateLimitedCount - statsBefore.gemini.rateLimitedCount).toBe(0);
    expect(statsAfter.gemini.maxCallsInAnyWindow).toBeLessThanOrEqual(stack.geminiRpm);
  });
});
