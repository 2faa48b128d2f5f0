import pg from "pg";
import { startStack, type Stack } from "../stack/start-stack";
import type { BenchOptions } from "./bench-options";

/**
 * Ports of the benchmark stack, apart from the test suite (3210/8388), the demo (3000/8288) and
 * score-list (3310/8488), so a benchmark can run while those do.
 */
export const benchPorts = { app: 3410, engine: 8588, engineExtra: [8589, 8590, 8591] as [number, number, number] };

export type BenchStack = Omit<Stack, "emulatorUrl"> & { emulatorUrl: string; db: pg.Pool };

export type BenchStackSettings = {
  geminiRpm: number;
  emulatorKnobs: Record<string, unknown>;
  appEnv?: Record<string, string>;
  /** Starts the engine with EXPERIMENTAL_KEY_QUEUES_ENABLE=true: one backlog per throttle and concurrency key. */
  keyQueues?: boolean;
};

const runningStacks = new Set<BenchStack>();
let postgresVersion: string | null = null;

/** Server version of the last benchmark database, as `SHOW server_version` returned it. */
export function lastPostgresVersion(): string | null {
  return postgresVersion;
}

/** Starts a fresh stack (new database, emulator, app, engine) on the benchmark ports. */
export async function startBenchStack(options: BenchOptions, settings: BenchStackSettings): Promise<BenchStack> {
  const keyQueuesBefore = process.env.EXPERIMENTAL_KEY_QUEUES_ENABLE;
  if (settings.keyQueues) process.env.EXPERIMENTAL_KEY_QUEUES_ENABLE = "true";
  else delete process.env.EXPERIMENTAL_KEY_QUEUES_ENABLE;

  let stack: Stack;
  try {
    stack = await startStackWithRetry(options, settings);
  } finally {
    // The engine copied the environment when it started, so the launcher's own value comes back now.
    if (keyQueuesBefore === undefined) delete process.env.EXPERIMENTAL_KEY_QUEUES_ENABLE;
    else process.env.EXPERIMENTAL_KEY_QUEUES_ENABLE = keyQueuesBefore;
  }

  if (!stack.emulatorUrl) {
    await stack.stop();
    throw new Error("The benchmark pays through the provider emulator; unset the real provider keys to run it.");
  }

  const db = new pg.Pool({ connectionString: stack.databaseUrl, max: 4 });
  const { rows } = await db.query("SHOW server_version");
  postgresVersion = String(rows[0]?.server_version ?? "unknown");
  const benchStack: BenchStack = {
    ...stack,
    emulatorUrl: stack.emulatorUrl,
    db,
    stop: async () => {
      runningStacks.delete(benchStack);
      await db.end().catch(() => {});
      await stack.stop();
    },
  };
  runningStacks.add(benchStack);
  return benchStack;
}

/**
 * Starts the stack, trying once more when the app fails to start. Another stack that builds the
 * app at the same moment replaces the shared .next folder, and `next start` then finds no build.
 */
async function startStackWithRetry(options: BenchOptions, settings: BenchStackSettings): Promise<Stack> {
  const start = () =>
    startStack({
      name: "bench",
      appPort: benchPorts.app,
      enginePort: benchPorts.engine,
      engineExtraPorts: benchPorts.engineExtra,
      freshDatabase: true,
      geminiRpm: settings.geminiRpm,
      emulatorKnobs: settings.emulatorKnobs,
      // Every benchmark campaign is uploaded and paid from 127.0.0.1; many-customers alone uploads 20 lists.
      appEnv: { UPLOAD_RATE_LIMIT: "1000", QUOTE_RATE_LIMIT: "1000", CHECKOUT_RATE_LIMIT: "1000", ...settings.appEnv },
      log: (line) => options.log(`stack: ${line}`),
    });

  try {
    return await start();
  } catch (error) {
    if (!/The app did not start/.test((error as Error).message)) throw error;
    options.log(`stack: ${(error as Error).message} Retrying in 30 s.`);
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    return start();
  }
}

/** Stops every stack still running, for an interrupted run. */
export async function stopAllBenchStacks(): Promise<void> {
  for (const stack of [...runningStacks]) await stack.stop();
}

/** Runs `body` on a fresh stack and always stops the stack afterwards. */
export async function withBenchStack<T>(options: BenchOptions, settings: BenchStackSettings, body: (stack: BenchStack) => Promise<T>): Promise<T> {
  const stack = await startBenchStack(options, settings);
  try {
    return await body(stack);
  } finally {
    options.log("stopping the stack");
    await stack.stop();
  }
}
