import type pg from "pg";
import { z } from "zod";
import { payWithEmulator, uploadFile } from "../stack/campaign-driver";
import type { BenchStack } from "./bench-stack";

/** A campaign the benchmark uploaded, with the harness's own timings. */
export type BenchCampaign = { label: string; campaignId: string; token: string; propertyCount: number; uploadMs: number };

/** Uploads a list through the app and reads how many properties the draft campaign stored. */
export async function uploadList(stack: BenchStack, file: string, label: string): Promise<BenchCampaign> {
  const started = performance.now();
  const { campaignId, token } = await uploadFile(stack.appUrl, file);
  const uploadMs = performance.now() - started;

  const { rows } = await stack.db.query(`SELECT "propertyCount" FROM "Campaign" WHERE id = $1`, [campaignId]);
  const propertyCount = z.object({ propertyCount: z.number() }).parse(rows[0]).propertyCount;
  return { label, campaignId, token, propertyCount, uploadMs };
}

/** Pays a campaign through checkout and the emulator's signed webhook; returns once the webhook was delivered. */
export async function payCampaign(stack: BenchStack, campaign: BenchCampaign): Promise<void> {
  await payWithEmulator(stack.appUrl, stack.emulatorUrl, campaign.campaignId, campaign.token, `${campaign.label}@bench.example.com`);
}

const campaignRowSchema = z.object({
  id: z.string(),
  status: z.string(),
  propertyCount: z.number(),
  finishedCount: z.number(),
  paidAtMs: z.number().nullable(),
  processingStartedAtMs: z.number().nullable(),
  completedAtMs: z.number().nullable(),
});

export type CampaignRow = z.infer<typeof campaignRowSchema>;

/**
 * Reads campaigns' counters and timestamps as epoch milliseconds. The columns are timestamps
 * without time zone that hold UTC, so `extract(epoch ...)` reads them as UTC.
 */
export async function readCampaigns(db: pg.Pool, ids: readonly string[]): Promise<CampaignRow[]> {
  const { rows } = await db.query(
    `SELECT id::text, status::text, "propertyCount", "finishedCount",
       ${epochMs(`"paidAt"`)} AS "paidAtMs", ${epochMs(`"processingStartedAt"`)} AS "processingStartedAtMs",
       ${epochMs(`"completedAt"`)} AS "completedAtMs"
     FROM "Campaign" WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const parsed = z.array(campaignRowSchema).parse(rows);
  return ids.map((id) => {
    const row = parsed.find((candidate) => candidate.id === id);
    if (!row) throw new Error(`Campaign ${id} is not in the database.`);
    return row;
  });
}

/** Reads one campaign, failing when it is missing. */
export async function readCampaign(db: pg.Pool, id: string): Promise<CampaignRow> {
  const [row] = await readCampaigns(db, [id]);
  return row!;
}

/** Finish times (epoch ms) of a campaign's properties that reached a terminal status, in order. */
export async function readFinishTimes(db: pg.Pool, campaignId: string): Promise<number[]> {
  const { rows } = await db.query(
    `SELECT ${epochMs(`"finishedAt"`)} AS at FROM "Property" WHERE "campaignId" = $1 AND "finishedAt" IS NOT NULL ORDER BY "finishedAt"`,
    [campaignId],
  );
  return z.array(z.object({ at: z.number() })).parse(rows).map((row) => row.at);
}

/** Time (epoch ms) of a campaign's first property with status `scored`, or null before there is one. */
export async function readFirstScoredAt(db: pg.Pool, campaignId: string): Promise<number | null> {
  const { rows } = await db.query(
    `SELECT ${epochMs(`min("finishedAt")`)} AS at FROM "Property" WHERE "campaignId" = $1 AND status = 'scored'`,
    [campaignId],
  );
  return z.object({ at: z.number().nullable() }).parse(rows[0]).at;
}

/** Properties of a campaign that needed at least one Gemini call, and the calls they made. */
export async function countGeminiWork(db: pg.Pool, campaignId: string): Promise<{ properties: number; calls: number }> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS properties, coalesce(sum("scoringAttempts"), 0)::int AS calls
     FROM "Property" WHERE "campaignId" = $1 AND "scoringAttempts" > 0`,
    [campaignId],
  );
  return z.object({ properties: z.number(), calls: z.number() }).parse(rows[0]);
}

/**
 * Release (queuedAt) and outcome (finishedAt) times in epoch ms of a campaign's properties that
 * needed Gemini. NOTE: queuedAt is written with SQL now() and finishedAt from the app's clock, so
 * the two agree only while the database session's TimeZone is UTC, as on the embedded server of
 * a machine set to UTC.
 */
export async function readPipelineIntervals(db: pg.Pool, campaignId: string): Promise<Array<{ start: number; end: number }>> {
  const { rows } = await db.query(
    `SELECT ${epochMs(`"queuedAt"`)} AS start, ${epochMs(`"finishedAt"`)} AS "end" FROM "Property"
     WHERE "campaignId" = $1 AND "scoringAttempts" > 0 AND "queuedAt" IS NOT NULL AND "finishedAt" IS NOT NULL`,
    [campaignId],
  );
  return z.array(z.object({ start: z.number(), end: z.number() })).parse(rows);
}

/** Number of a campaign's properties in each status. */
export async function countByStatus(db: pg.Pool, campaignId: string): Promise<Record<string, number>> {
  const { rows } = await db.query(
    `SELECT status::text AS status, count(*)::int AS count FROM "Property" WHERE "campaignId" = $1 GROUP BY status`,
    [campaignId],
  );
  return Object.fromEntries(z.array(z.object({ status: z.string(), count: z.number() })).parse(rows).map((row) => [row.status, row.count]));
}

/**
 * Polls `read` every `intervalMs` until it returns a value other than null, or throws after
 * `timeoutMs` with `what` in the message.
 */
export async function waitFor<T>(read: () => Promise<T | null>, settings: { timeoutMs: number; intervalMs: number; what: string }): Promise<T> {
  const deadline = Date.now() + settings.timeoutMs;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== null) return value;
    await sleep(settings.intervalMs);
  }
  throw new Error(`Timed out after ${Math.round(settings.timeoutMs / 1000)} s waiting for ${settings.what}.`);
}

/** Waits until every campaign is completed. `onPoll` receives each poll's rows, for progress lines. */
export async function waitForCompletion(
  db: pg.Pool,
  ids: readonly string[],
  settings: { timeoutMs: number; onPoll?: (rows: CampaignRow[]) => void },
): Promise<CampaignRow[]> {
  return waitFor(
    async () => {
      const rows = await readCampaigns(db, ids);
      settings.onPoll?.(rows);
      return rows.every((row) => row.completedAtMs !== null) ? rows : null;
    },
    { timeoutMs: settings.timeoutMs, intervalMs: 1000, what: `${ids.length} campaign(s) to complete` },
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function epochMs(column: string): string {
  return `(extract(epoch from ${column}) * 1000)::float8`;
}
