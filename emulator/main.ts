import { pino } from "pino";
import { z } from "zod";

import { readKnobsFromEnvironment } from "./knobs";
import { startEmulator } from "./server";

/**
 * Command-line entry: `npx tsx emulator/main.ts`. Reads EMULATOR_PORT (default 4010),
 * EMULATOR_LOG_LEVEL (default info) and the knob variables listed in knobs.ts, then serves
 * until SIGINT or SIGTERM.
 */
const environmentSchema = z.object({
  EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  EMULATOR_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

async function main(): Promise<void> {
  const environment = environmentSchema.safeParse(process.env);
  if (!environment.success) {
    throw new Error(`Invalid emulator environment. ${environment.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  }

  const logger = pino({ level: environment.data.EMULATOR_LOG_LEVEL, base: { service: "emulator" } });
  const emulator = await startEmulator({
    port: environment.data.EMULATOR_PORT,
    knobs: readKnobsFromEnvironment(process.env),
    logger,
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, "Emulator stopping");
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "Emulator did not stop cleanly");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  // The logger may not exist yet, so the start-up failure goes to stderr as one JSON line.
  process.stderr.write(`${JSON.stringify({ level: "fatal", msg: "Emulator failed to start", error: (error as Error).message })}\n`);
  process.exit(1);
});
