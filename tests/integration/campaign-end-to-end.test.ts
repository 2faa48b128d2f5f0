import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { rowNumberColumn } from "@/lib/export/export-columns";
import { describeRefund, statusLabels } from "@/lib/labels/customer-labels";
import { formatUsd } from "@/lib/format/format-numbers";
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
    expect(emails[0]?.html).toContain(describeRefund(formatUsd(unscored * 5), unscored));
    expect(emails[0]?.html).toContain(statusLabels.geocode_failed);

    const exportResponse = await fetch(`${stack.appUrl}/api/campaigns/${campaignId}/export?t=${encodeURIComponent(token)}`);
    expect(exportResponse.status).toBe(200);
    const [header, ...rows] = parse((await exportResponse.text()).replace(/^\uFEFF/, ""), { relax_column_count: false }) as string[][];
    const statusColumn = header!.indexOf("Curbscore status");
    const precisionColumn = header!.indexOf("Curbscore location precision");
    expect(header![0]).toBe(rowNumberColumn);
    expect(header).toContain("Curbscore latitude");
    expect(rows.map((row) => row[0])).toEqual(rows.map((_, index) => String(index + 1)));
    expect(rows).toHaveLength(finished.propertyCount + 1);
    // The Washington list starts with Redfin's one-cell MLS notice, which is not a property.
    expect(rows[0]?.[statusColumn]).toMatch(/^Not imported: not a property row/);
    expect(rows[0]?.[1]).toContain("In accordance with local MLS rules");
    expect(rows.filter((row) => row[statusColumn]?.startsWith("Not imported"))).toHaveLength(1);
    expect(rows.filter((row) => row[precisionColumn]?.match(/^[A-Z_]+$/))).toEqual([]);

    const statsAfter = await emulatorStats();
    expect(statsAfter.gemini.rateLimitedCount - statsBefore.gemini.rateLimitedCount).toBe(0);
    expect(statsAfter.gemini.maxCallsInAnyWindow).toBeLessThanOrEqual(stack.geminiRpm);
  });
});
