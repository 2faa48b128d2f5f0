import { startStack } from "./stack/start-stack";

/**
 * `npm run demo`: the whole product on this machine with embedded defaults. Ports come from
 * APP_PORT (3000) and INNGEST_PORT (8288); GEMINI_RPM (15) sets the Gemini budget.
 */
async function main() {
  const appPort = Number(process.env.APP_PORT ?? 3000);
  const enginePort = Number(process.env.INNGEST_PORT ?? 8288);
  const log = (line: string) => console.log(`[demo] ${line}`);

  const stack = await startStack({
    name: "demo",
    appPort,
    enginePort,
    engineExtraPorts: [enginePort + 1, enginePort + 2, enginePort + 3],
    freshDatabase: false,
    // The engine keeps its queue on disk too, so a campaign stopped with the demo resumes at once.
    persistentEngine: true,
    geminiRpm: Number(process.env.GEMINI_RPM ?? 15),
    log,
  });

  log("");
  log(`Curbscore is running at ${stack.appUrl}`);
  if (stack.emulatorUrl) log(`Sent email (emulator mailbox): ${stack.emulatorUrl}/mailbox`);
  log(`Inngest engine API: ${stack.engineUrl} (logs in .data/logs/)`);
  log("Press Ctrl+C to stop.");

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    log("Stopping...");
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error) => {
  console.error(`[demo] ${(error as Error).message}`);
  process.exit(1);
});
