import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db, mailbox, payCampaign, uploadList, waitForCampaign } from "./helpers/stack-client";

afterAll(closeDb);

const engineUrl = () => process.env.STACK_ENGINE_URL ?? "";

async function requestSweep(): Promise<void> {
  const response = await fetch(`${engineUrl()}/e/test-key`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "maintenance/stalled-campaigns.check", data: { stalledAfterMinutes: 5 } }),
  });
  expect(response.ok).toBe(true);
}

type PropertyState = { id: string; status: string; finishedAt: Date | null; scoringAttempts: number };

async function propertyStates(campaignId: string): Promise<PropertyState[]> {
  const { rows } = await db().query<PropertyState>(
    `SELECT id, status, "finishedAt", "scoringAttempts" FROM "Property" WHERE "campaignId" = $1 ORDER BY "rowNumber"`,
    [campaignId],
  );
  return rows;
}

describe("resume stalled campaigns", () => {
  it("re-sends only unfinished properties, once", async () => {
    const { campaignId, token } = await uploadList(path.join(__dirname, "fixtures", "baltimore-fifteen.csv"), { defaultCity: "Baltimore", defaultState: "MD" });
    const email = `stalled-${campaignId.slice(0, 8)}@example.com`;
    await payCampaign(campaignId, token, email);
    await waitForCampaign(campaignId, (row) => row.completionEmailSentAt !== null, 5 * 60_000);

    // Simulate lost work: three properties back to queued with no event in flight, and every
    // timestamp an hour old, as after an outage.
    const before = await propertyStates(campaignId);
    const lost = before.slice(0, 3).map((property) => property.id);
    await db().query(
      `UPDATE "Property" SET status = 'queued', "finishedAt" = NULL, score = NULL, tier = NULL, "queuedAt" = now() - interval '1 hour' WHERE id = ANY($1::uuid[])`,
      [lost],
    );
    await db().query(
      `UPDATE "Property" SET "finishedAt" = "finishedAt" - interval '1 hour', "queuedAt" = "queuedAt" - interval '1 hour' WHERE "campaignId" = $1 AND NOT (id = ANY($2::uuid[]))`,
      [campaignId, lost],
    );
    await db().query(
      `UPDATE "Campaign" SET status = 'processing', "completedAt" = NULL, "finishedCount" = "finishedCount" - 3, "processingStartedAt" = now() - interval '2 hours' WHERE id = $1`,
      [campaignId],
    );
    const untouched = (await propertyStates(campaignId)).slice(3);

    await requestSweep();
    await waitForCampaign(campaignId, (row) => row.status === "completed", 3 * 60_000);

    const after = await propertyStates(campaignId);
    for (const property of after.filter((row) => lost.includes(row.id))) {
      expect(property.finishedAt).not.toBeNull();
      expect(property.status).not.toBe("queued");
    }
    expect(after.slice(3)).toEqual(untouched);

    // A second sweep finds nothing stalled and changes nothing.
    await requestSweep();
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(await propertyStates(campaignId)).toEqual(after);
    expect((await mailbox()).filter((mail) => mail.to.includes(email))).toHaveLength(1);
  });
});
