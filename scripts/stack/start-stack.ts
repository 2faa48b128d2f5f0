import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { startDatabase, type RunningDatabase } from "./database";
import { startEngine, type RunningEngine } from "./engine";
import { assertPortFree, repoRoot, runCommand, startProcess, waitForHttp, type ManagedProcess } from "./processes";

export type StackOptions = {
  /** Names the log files and the data folder: .data/<name>/. */
  name: string;
  appPort: number;
  enginePort: number;
  /** Three more ports the engine binds (connect gateway and its two gRPC servers). */
  engineExtraPorts: [number, number, number];
  freshDatabase: boolean;
  geminiRpm: number;
  /** Port of the provider emulator; a free one when unset. */
  emulatorPort?: number;
  /** Emulator knobs applied at start (latency, error rates, quota); ignored with real provider keys. */
  emulatorKnobs?: Record<string, unknown>;
  /** Keeps the engine's queue and run state under .data/<name>/inngest, so the engine can be restarted. */
  persistentEngine?: boolean;
  /** Extra environment for the app, such as SCORING_WINDOW. */
  appEnv?: Record<string, string>;
  log: (line: string) => void;
};

export type Stack = {
  appUrl: string;
  engineUrl: string;
  emulatorUrl: string | null;
  databaseUrl: string;
  appEnv: NodeJS.ProcessEnv;
  /**
   * Kills the app's whole process group with SIGKILL, as a crash or a hard deploy would, and starts
   * it again. `extraEnv` (such as `{ MAINTENANCE_MODE: "true" }`) is laid over `appEnv` for this
   * start only; the next restart without it goes back to `appEnv`.
   */
  restartApp: (extraEnv?: Record<string, string>) => Promise<void>;
  /** Kills the engine with SIGKILL and starts it again on the same port and, if persistent, the same state. */
  restartEngine: () => Promise<void>;
  /** Takes PostgreSQL away for `downMs` milliseconds, then brings it back. */
  restartDatabase: (downMs: number) => Promise<void>;
  stop: () => Promise<void>;
};

export const providerKeyNames = ["GOOGLE_MAPS_API_KEY", "GEMINI_API_KEY", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "RESEND_API_KEY"] as const;

/**
 * Starts the whole product on this machine: PostgreSQL (embedded unless DATABASE_URL is set), the
 * provider emulator (unless every provider key is set), the built Next.js app and the Inngest dev
 * server pointed at it. Returns the URLs and one `stop` for all of them.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const stoppers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch((error) => options.log(`stop failed: ${(error as Error).message}`));
  };

  try {
    await assertPortFree(options.appPort, "APP_PORT");
    const dataDir = path.join(repoRoot, ".data", options.name);
    mkdirSync(dataDir, { recursive: true });
    const appUrl = `http://127.0.0.1:${options.appPort}`;

    options.log("Starting PostgreSQL...");
    const database: RunningDatabase = await startDatabase({ dataDir: path.join(dataDir, "postgres"), fresh: options.freshDatabase, log: options.log });
    stoppers.push(database.stop);
    options.log(database.embedded ? "PostgreSQL: embedded, migrated." : "PostgreSQL: DATABASE_URL, migrated.");

    const providerEnv: Record<string, string> = {};
    let emulator: RunningEmulator | null = null;
    if (providerKeyNames.every((name) => process.env[name])) {
      options.log("Providers: real APIs (every provider key is set).");
    } else {
      if (options.emulatorPort) await assertPortFree(options.emulatorPort, "EMULATOR_PORT");
      emulator = await startEmulator({
        port: options.emulatorPort ?? 0,
        knobs: {
          stripeWebhookUrl: `${appUrl}/api/stripe/webhook`,
          stripeWebhookSecret: "whsec_emulator",
          geminiRpm: options.geminiRpm,
          ...options.emulatorKnobs,
        },
      });
      stoppers.push(() => emulator!.close());
      Object.assign(providerEnv, {
        GOOGLE_MAPS_API_KEY: "emulator-maps-key",
        GOOGLE_MAPS_BASE_URL: emulator.url,
        GEMINI_API_KEY: "emulator-gemini-key",
        GEMINI_BASE_URL: emulator.url,
        STRIPE_SECRET_KEY: "sk_test_emulator",
        STRIPE_WEBHOOK_SECRET: "whsec_emulator",
        STRIPE_API_BASE_URL: emulator.url,
        RESEND_API_KEY: "re_emulator",
        RESEND_BASE_URL: emulator.url,
      });
      options.log(`Providers: local emulator at ${emulator.url} (mailbox: ${emulator.url}/mailbox).`);
    }

    const appEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...providerEnv,
      DATABASE_URL: database.url,
      APP_URL: process.env.APP_URL ?? appUrl,
      SECRET_KEY: process.env.SECRET_KEY ?? readOrCreateSecret(path.join(dataDir, "secret-key")),
      GEMINI_RPM: String(options.geminiRpm),
      INNGEST_DEV: "1",
      INNGEST_BASE_URL: `http://127.0.0.1:${options.enginePort}`,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      ...options.appEnv,
    };

    await buildAppIfStale(appEnv, options.log);
    options.log("Starting the app...");
    let app = await startApp(options.name, options.appPort, appEnv);
    stoppers.push(() => app.stop());

    options.log("Starting the Inngest engine...");
    const engineOptions = {
      port: options.enginePort,
      appServeUrl: `${appUrl}/api/inngest`,
      connectGatewayPort: options.engineExtraPorts[0],
      connectGrpcPorts: [options.engineExtraPorts[1], options.engineExtraPorts[2]] as [number, number],
      log: options.log,
      name: `${options.name}-inngest`,
      persistDir: options.persistentEngine ? path.join(dataDir, "inngest") : undefined,
    };
    if (engineOptions.persistDir && options.freshDatabase) rmSync(engineOptions.persistDir, { recursive: true, force: true });
    let engine: RunningEngine = await startEngine(engineOptions);
    stoppers.push(() => engine.stop());
    await registerApp(appUrl);

    const restartApp = async (extraEnv: Record<string, string> = {}) => {
      await app.kill();
      app = await startApp(options.name, options.appPort, { ...appEnv, ...extraEnv });
      await registerApp(appUrl);
    };
    const restartEngine = async () => {
      await engine.process.kill();
      engine = await startEngine(engineOptions);
      await registerApp(appUrl);
    };
    return {
      restartEngine,
      appUrl,
      engineUrl: engine.url,
      emulatorUrl: emulator?.url ?? null,
      databaseUrl: database.url,
      appEnv,
      restartApp,
      restartDatabase: database.restart,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * V8 old-space limit of the app, in MiB. Without it V8 sizes the heap from the machine's memory
 * (about 4 GiB on a 24 GiB machine), so garbage piles up while the pipeline runs. In scenario
 * large of scripts/bench the app rose from 280 to 570 MiB RSS in two minutes of processing, and
 * stayed near 310 MiB with a 256 MiB limit (2-core Linux machine). 384 MiB leaves room for the
 * largest upload the limits allow, because a 25 MB, 50,000-row file needs about 200 MiB of heap
 * to parse and store.
 */
const appHeapLimitMiB = 384;

/**
 * Starts `next start` on the built app and waits until it serves the Inngest endpoint. A
 * `--max-old-space-size` in the environment's NODE_OPTIONS replaces `appHeapLimitMiB`.
 */
async function startApp(name: string, port: number, env: NodeJS.ProcessEnv): Promise<ManagedProcess> {
  const heapLimitSet = /--max[-_]old[-_]space[-_]size/.test(env.NODE_OPTIONS ?? "");
  const app = startProcess(`${name}-app`, process.execPath, [
    ...(heapLimitSet ? [] : [`--max-old-space-size=${appHeapLimitMiB}`]),
    path.join(repoRoot, "node_modules", "next", "dist", "bin", "next"),
    "start",
    "--hostname",
    "127.0.0.1",
    "--port",
    String(port),
  ], { env });
  // An app that exits at start-up (a port taken, a bad setting) fails the start at once, with
  // the last lines of its log, rather than after the full wait.
  const exited = new Promise<never>((_, reject) => {
    app.child.once("exit", (code, signal) => {
      const tail = readFileSync(app.logFile, "utf8").trim().split("\n").slice(-3).join(" | ");
      reject(new Error(`next start exited (${signal ?? `code ${code}`}) before it served requests: ${tail}`));
    });
  });
  await Promise.race([waitForHttp(`http://127.0.0.1:${port}/api/inngest`, 120_000), exited]).catch(async (error: Error) => {
    // An app still starting after the wait would keep the port, and the next try would fail on it.
    await app.kill();
    throw new Error(`The app did not start: ${error.message}. See ${app.logFile}.`);
  });
  return app;
}

/** Asks the app to register its functions with the engine, retrying while the engine warms up. */
async function registerApp(appUrl: string): Promise<void> {
  let lastProblem = "";
  for (let attempt = 0; attempt < 40; attempt++) {
    const response = await fetch(`${appUrl}/api/inngest`, { method: "PUT" }).catch((error: Error) => error);
    if (!(response instanceof Error) && response.ok) return;
    lastProblem = response instanceof Error ? response.message : `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The app could not register its functions with the Inngest engine: ${lastProblem}`);
}

/** Runs `next build` when there is no build or a source file changed after the last one. */
async function buildAppIfStale(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const buildId = path.join(repoRoot, ".next", "BUILD_ID");
  if (existsSync(buildId) && newestSourceChange() <= statSync(buildId).mtimeMs) return;

  log("Building the app (next build)...");
  const started = Date.now();
  await runCommand(process.execPath, [path.join(repoRoot, "node_modules", "next", "dist", "bin", "next"), "build"], { env });
  log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
}

function newestSourceChange(): number {
  const roots = ["app", "components", "emails", "inngest", "lib", "prisma", "public", "next.config.ts", "package.json", "tsconfig.json"];
  let newest = 0;
  const visit = (entry: string) => {
    if (!existsSync(entry)) return;
    const stats = statSync(entry);
    newest = Math.max(newest, stats.mtimeMs);
    if (stats.isDirectory()) for (const child of readdirSync(entry)) visit(path.join(entry, child));
  };
  for (const root of roots) visit(path.join(repoRoot, root));
  return newest;
}

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
