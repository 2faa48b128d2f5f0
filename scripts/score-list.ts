import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { payWithEmulator, readEmulatorStats, uploadFile } from "./stack/campaign-driver";
import { startStack } from "./stack/start-stack";

const usage = `Usage: npm run score-list -- FILE.csv [--rpm N] [--city CITY --state ST]

Scores one list end to end on a fresh local stack (embedded PostgreSQL, provider emulator,
app, Inngest engine): upload, pay on the emulator, wait for the completion email, then print
the upload counts, the final status of every property, the time from payment to email and the
Gemini calls per minute against the budget.

  --rpm N        Gemini budget in calls per minute (GEMINI_RPM), default 120
  --city, --state  city and state for files that give only street lines`;

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { rpm: { type: "string", default: "120" }, city: { type: "string" }, state: { type: "string" }, help: { type: "boolean" } },
  });
  const file = positionals[0];
  if (values.help || !file) {
    console.log(usage);
    process.exit(values.help ? 0 : 2);
  }
  if (!existsSync(file)) throw new Error(`No file at ${file}.`);
  const rpm = Number(values.rpm);
  if (!Number.isInteger(rpm) || rpm < 1) throw new Error(`--rpm must be a positive whole number, got ${values.rpm}.`);

  const log = (line: string) => console.log(`[score-list] ${line}`);
  const enginePort = Number(process.env.INNGEST_PORT ?? 8488);
  const stack = await startStack({
    name: "score-list",
    appPort: Number(process.env.APP_PORT ?? 3310),
    enginePort,
    engineExtraPorts: [enginePort + 1, enginePort + 2, enginePort + 3],
    freshDatabase: true,
    geminiRpm: rpm,
    log,
  });
  const db = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });

  try {
    if (!stack.emulatorUrl) throw new Error("score-list pays through the emulator; unset the provider keys to use it.");
    const fields: Record<string, string> = {};
    if (values.city) fields.defaultCity = values.city;
    if (values.state) fields.defaultState = values.state;

    const { campaignId, token } = await uploadFile(stack.appUrl, file, fields);
    const { rows: uploaded } = await db.query(
      `SELECT "rowCount", "propertyCount", "invalidCount", "duplicateCount", "amountCents" FROM "Campaign" WHERE id = $1`,
      [campaignId],
    );
    log(`Uploaded ${path.basename(file)}: ${JSON.stringify(uploaded[0])}`);

    const paidAt = Date.now();
    await payWithEmulator(stack.appUrl, stack.emulatorUrl, campaignId, token, "score-list@example.com");

    let lastReport = 0;
    for (;;) {
      const { rows } = await db.query(`SELECT status, "finishedCount", "propertyCount", "completionEmailSentAt" FROM "Campaign" WHERE id = $1`, [campaignId]);
      const campaign = rows[0];
      if (campaign?.completionEmailSentAt) break;
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        log(`${Math.round((Date.now() - paidAt) / 1000)} s: ${campaign?.status} ${campaign?.finishedCount}/${campaign?.propertyCount}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }

    const { rows: timing } = await db.query(`SELECT "paidAt", "completedAt", "completionEmailSentAt" FROM "Campaign" WHERE id = $1`, [campaignId]);
    const { rows: statuses } = await db.query(`SELECT status, count(*)::int AS count FROM "Property" WHERE "campaignId" = $1 GROUP BY status ORDER BY status`, [campaignId]);
    const stats = await readEmulatorStats(stack.emulatorUrl);
    const calls = stats.gemini.acceptedCallTimes;
    const spanMinutes = calls.length > 1 ? (calls[calls.length - 1]! - calls[0]!) / 60_000 : 0;

    const emailAt = new Date(timing[0].completionEmailSentAt).getTime();
    const report = {
      file: path.basename(file),
      upload: uploaded[0],
      statuses: Object.fromEntries(statuses.map((row) => [row.status, row.count])),
      secondsFromPaymentToEmail: Math.round((emailAt - paidAt) / 100) / 10,
      gemini: {
        budgetPerMinute: rpm,
        calls: calls.length,
        meanCallsPerMinute: spanMinutes > 0 ? Math.round((calls.length / spanMinutes) * 10) / 10 : null,
        maxCallsInAny60Seconds: stats.gemini.maxCallsInAnyWindow,
        rateLimited429s: stats.gemini.rateLimitedCount,
      },
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await db.end();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(`[score-list] ${(error as Error).message}`);
  process.exit(1);
});
