import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { payWithEmulator, readEmulatorStats, uploadFile } from "../../../scripts/stack/campaign-driver";

/**
 * Test-side access to the running stack: the app over HTTP, the emulator's test endpoints,
 * PostgreSQL. Read on use, so a test file may start its own stack before the first call.
 */
export const stack = {
  get appUrl() {
    return required("STACK_APP_URL");
  },
  get emulatorUrl() {
    return required("STACK_EMULATOR_URL");
  },
  get geminiRpm() {
    return Number(required("GEMINI_RPM"));
  },
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the integration tests through \`npm test\` or \`vitest --project integration\`.`);
  return value;
}

export const realListsDir = path.resolve(__dirname, "..", "..", "..", "..", "shared", "data", "real-lists");

let pool: pg.Pool | undefined;

export function db(): pg.Pool {
  if (pool) return pool;

  pool = new pg.Pool({ connectionString: required("DATABASE_URL"), max: 3 });
  // An idle connection dies when a fault test stops PostgreSQL; the pool opens a new one on the next query.
  pool.on("error", (error) => console.warn(`test database connection closed: ${error.message}`));
  return pool;
}

export async function closeDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

/** Uploads a file through the app's upload route, as the browser form does. */
export function uploadList(filePath: string, fields: Record<string, string> = {}) {
  return uploadFile(stack.appUrl, filePath, fields);
}

/** Starts checkout through the app and pays on the emulator, which signs and delivers the webhook. */
export function payCampaign(campaignId: string, token: string, email: string) {
  return payWithEmulator(stack.appUrl, stack.emulatorUrl, campaignId, token, email);
}

export type CampaignRow = {
  status: string;
  propertyCount: number;
  finishedCount: number;
  completionEmailSentAt: Date | null;
  paidAt: Date | null;
  processingStartedAt: Date | null;
};

export async function readCampaign(campaignId: string): Promise<CampaignRow> {
  const { rows } = await db().query<CampaignRow>(
    `SELECT status, "propertyCount", "finishedCount", "completionEmailSentAt", "paidAt", "processingStartedAt" FROM "Campaign" WHERE id = $1`,
    [campaignId],
  );
  if (!rows[0]) throw new Error(`campaign ${campaignId} not found`);
  return rows[0];
}

/** Polls the campaign row until `done` holds, failing with the last row seen after `timeoutMs`. */
export async function waitForCampaign(campaignId: string, done: (row: CampaignRow) => boolean, timeoutMs: number): Promise<CampaignRow> {
  const deadline = Date.now() + timeoutMs;
  let row = await readCampaign(campaignId);
  while (!done(row)) {
    if (Date.now() > deadline) throw new Error(`campaign ${campaignId} did not reach the expected state in ${timeoutMs} ms: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    row = await readCampaign(campaignId);
  }
  return row;
}

export async function countsByStatus(campaignId: string): Promise<Record<string, number>> {
  const { rows } = await db().query<{ status: string; count: string }>(
    `SELECT status, count(*) FROM "Property" WHERE "campaignId" = $1 GROUP BY status`,
    [campaignId],
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

const mailSchema = z.array(z.object({ id: z.string(), to: z.array(z.string()), subject: z.string(), html: z.string() }).passthrough());

export async function mailbox() {
  const response = await fetch(`${stack.emulatorUrl}/_emulator/mailbox`);
  const body = await response.json();
  return mailSchema.parse(Array.isArray(body) ? body : (body as { emails: unknown }).emails);
}

export function emulatorStats() {
  return readEmulatorStats(stack.emulatorUrl);
}

export async function setKnobs(patch: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${stack.emulatorUrl}/_emulator/knobs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(patch),
  });
  if (!response.ok) throw new Error(`setting knobs answered ${response.status}: ${await response.text()}`);
}
