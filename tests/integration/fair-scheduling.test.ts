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

/** Statuses of properties that finished without a Gemini call, whose place goes back to their campaign. */
const finishedBeforeGemini = ["no_imagery", "geocode_failed"];

/**
 * Campaign ids of the properties released in turn, in release order: not in a first wave, and not
 * as the replacement for a property of the same campaign that finished before reaching Gemini.
 */
async function releasesInTurn(campaignIds: string[]): Promise<string[]> {
  const { rows } = await db().query<{ campaignId: string }>(
    `SELECT p."campaignId" FROM "Property" p JOIN "Property" r ON r.id = p."releasedById"
     WHERE p."campaignId" = ANY($1::uuid[])
       AND NOT (r.status = ANY($2::"PropertyStatus"[]) AND r."campaignId" = p."campaignId")
     ORDER BY p."queuedAt", p."rowNumber"`,
    [campaignIds, finishedBeforeGemini],
  );
  return rows.map((row) => row.campaignId);
}

/**
 * For each property of these campaigns that finished without a Gemini call and made room for at
 * least one release: its campaign, and the campaigns of the properties it released.
 */
async function releasesAfterNoGeminiCall(campaignIds: string[]): Promise<{ campaignId: string; releasedFor: string[] }[]> {
  const { rows } = await db().query<{ campaignId: string; releasedFor: string[] }>(
    `SELECT r."campaignId", array_agg(p."campaignId"::text) AS "releasedFor"
     FROM "Property" r JOIN "Property" p ON p."releasedById" = r.id
     WHERE r."campaignId" = ANY($1::uuid[]) AND r.status = ANY($2::"PropertyStatus"[])
     GROUP BY r.id, r."campaignId"`,
    [campaignIds, finishedBeforeGemini],
  );
  return rows;
}

describe("fair scheduling", () => {
  it("alternates releases between two campaigns", async () => {
    const list = path.join(realListsDir, "redfin-sold-export-washington-dc.csv");
    const first = await uploadList(list);
    const second = await uploadList(list);
    await payCampaign(first.campaignId, first.token, "first@example.com");
    await payCampaign(second.campaignId, second.token, "second@example.com");
    const ids = [first.campaignId, second.campaignId];

    // Both lists are the same size, so both have properties waiting until near the end.
    await waitForCampaign(first.campaignId, (row) => row.finishedCount >= 200, 5 * 60_000);
    const order = (await releasesInTurn(ids)).slice(0, 300);
    // Both still have properties waiting, so each property that finished without a Gemini call
    // handed its place to its own campaign: the turn stands for a share of the Gemini budget.
    const handovers = await releasesAfterNoGeminiCall(ids);
    expect(handovers.length).toBeGreaterThan(5);
    for (const handover of handovers) expect(handover.releasedFor).toContain(handover.campaignId);
    expect(order.length).toBeGreaterThan(100);

    // Campaigns of other tests may take turns in between. Between these two, every release of one
    // is followed by one of the other, so neither gets ahead by more than one, or two where two
    // releases fell in one transaction.
    let lead = 0;
    let widestLead = 0;
    for (const campaignId of order) {
      lead += campaignId === first.campaignId ? 1 : -1;
      widestLead = Math.max(widestLead, Math.abs(lead));
    }
    expect(widestLead).toBeLessThanOrEqual(2);
    expect(order.filter((campaignId) => campaignId === first.campaignId).length).toBeGreaterThan(40);
    expect(order.filter((campaignId) => campaignId === second.campaignId).length).toBeGreaterThan(40);

    await Promise.all(ids.map((id) => waitForCampaign(id, (row) => row.status === "completed", 5 * 60_000)));
  });

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
    // 1,850 properties) first. Taking turns lets through only what the large campaign already had
    // in the shared window, then alternates the two.
    expect(largeDuringSmall).toBeLessThan(smallDone.propertyCount * 10);

    await waitForCampaign(large.campaignId, (row) => row.status === "completed", 10 * 60_000);
    const statsAfter = await emulatorStats();
    expect(statsAfter.gemini.rateLimitedCount - statsBefore.gemini.rateLimitedCount).toBe(0);
    expect(statsAfter.gemini.maxCallsInAnyWindow).toBeLessThanOrEqual(stack.geminiRpm);
  });
});
