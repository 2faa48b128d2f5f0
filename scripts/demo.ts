import { stalledCampaignsCheckRequested } from "../inngest/events";
import { startStack } from "./stack/start-stack";

/**
 * `npm run demo`: the whole product on this machine with embedded defaults. Ports come from
 * APP_PORT (3000), INNGEST_PORT (8288) and, without provider keys, EMULATOR_PORT (3100); GEMINI_RPM
 * (15) sets the Gemini budget.
 */
async function main() {
  const appPort = readPort("APP_PORT", 3000);
  const enginePort = readPort("INNGEST_PORT", 8288);
  const emulatorPort = readPort("EMULATOR_PORT", 3100);
  const lastEnginePort = enginePort + 3;
  for (const [name, port] of [["APP_PORT", appPort], ["EMULATOR_PORT", emulatorPort]] as const) {
    if (port >= enginePort && port <= lastEnginePort) {
      throw new Error(`${name} is ${port}, inside the engine's ports ${enginePort}–${lastEnginePort} (INNGEST_PORT and the three after it). Choose another port.`);
    }
  }
  if (appPort === emulatorPort) throw new Error(`APP_PORT and EMULATOR_PORT are both ${appPort}. Give them different ports.`);
  const log = (line: string) => console.log(`[demo] ${line}`);

  const stack = await startStack({
    name: "demo",
    appPort,
    enginePort,
    engineExtraPorts: [enginePort + 1, enginePort + 2, enginePort + 3],
    // A fixed port keeps the mailbox address the same from one run to the next.
    emulatorPort,
    freshDatabase: false,
    // The engine keeps its queue on disk too, so a campaign stopped with the demo resumes at once.
    persistentEngine: true,
    geminiRpm: Number(process.env.GEMINI_RPM ?? 15),
    log,
  });

  await requestResumeSweep(stack.engineUrl, log);

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

/**
 * Sends the stall sweep once at start-up with no waiting time, so that work in flight when the demo
 * stopped goes out again at once. The dev server can lose those runs ("run not found in state
 * store" in its log), and the sweep that runs every minute waits STALLED_AFTER_MINUTES (10) before
 * it counts a campaign as stalled. A run the engine did keep may then score its property a second
 * time, and only the first result is recorded.
 */
async function requestResumeSweep(engineUrl: string, log: (line: string) => void): Promise<void> {
  const response = await fetch(`${engineUrl}/e/demo`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: stalledCampaignsCheckRequested.name, data: { stalledAfterMinutes: 0 } }),
  }).catch((error: Error) => error);
  if (response instanceof Error || !response.ok) {
    const problem = response instanceof Error ? response.message : `HTTP ${response.status}`;
    log(`Could not ask the engine to resume unfinished campaigns now (${problem}); they resume after STALLED_AFTER_MINUTES instead.`);
    return;
  }
  log("Unfinished campaigns from an earlier run, if any, were sent to resume.");
}

/** Reads a port from the environment, or returns `fallback` when the variable is unset. */
function readPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a port number from 1 to 65535, got "${raw}". Set it to a free port or unset it to use ${fallback}.`);
  }
  return port;
}

main().catch((error) => {
  console.error(`[demo] ${(error as Error).message}`);
  process.exit(1);
});
