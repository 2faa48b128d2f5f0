import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, countsByStatus, db, emulatorStats, mailbox, payCampaign, setKnobs, stack, uploadList, waitForCampaign } from "./helpers/stack-client";

afterAll(async () => {
  await setKnobs({ errorRate: 0, geminiMalformedRate: 0, geminiRetryAfterSeconds: null, geminiRpm: stack.geminiRpm });
  await closeDb();
});

describe("provider faults", () => {
  it("ends every property with a reason", async () => {
    const before = await emulatorStats();
    // Ten percent server errors everywhere, a Gemini quota far below the app's budget (a storm of
    // 429s, each with Retry-After), and answers that break the schema.
    await setKnobs({ errorRate: 0.1, geminiMalformedRate: 0.15, geminiRpm: 8, geminiRetryAfterSeconds: 15 });

    const { campaignId, token } = await uploadList(path.join(__dirname, "fixtures", "baltimore-fifteen.csv"), { defaultCity: "Baltimore", defaultState: "MD" });
    const email = `faults-${campaignId.slice(0, 8)}@example.com`;
    await payCampaign(campaignId, token, email);
    const finished = await waitForCampaign(campaignId, (row) => row.completionEmailSentAt !== null, 8 * 60_000);

    const counts = await countsByStatus(campaignId);
    expect(counts.pending ?? 0).toBe(0);
    expect(counts.queued ?? 0).toBe(0);
    expect(finished.finishedCount).toBe(finished.propertyCount);
    expect(counts.scored ?? 0).toBeGreaterThan(0);

    const { rows: unexplained } = await db().query<{ count: string }>(
      `SELECT count(*) FROM "Property" WHERE "campaignId" = $1 AND status <> 'scored' AND "failureReason" IS NULL`,
      [campaignId],
    );
    expect(Number(unexplained[0]?.count)).toBe(0);

    const after = await emulatorStats();
    expect(after.gemini.rateLimitedCount - before.gemini.rateLimitedCount).toBeGreaterThan(0);
    expect((await mailbox()).filter((mail) => mail.to.includes(email))).toHaveLength(1);
  });
});
