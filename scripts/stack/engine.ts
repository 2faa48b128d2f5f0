import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { listeningAddresses } from "./listening-addresses";
import { repoRoot, runCommand, startProcess, waitForHttp, assertPortFree, type ManagedProcess } from "./processes";

const engineModuleDir = path.join(repoRoot, "engine");
const cacheDir = path.join(repoRoot, ".cache", "engine");

/** The Inngest server version pinned by engine/go.mod; `npx inngest-cli@<version>` uses the same one. */
export function pinnedEngineVersion(): string {
  const goMod = readFileSync(path.join(engineModuleDir, "go.mod"), "utf8");
  const match = /github\.com\/inngest\/inngest (v[\d.]+)/.exec(goMod);
  if (!match?.[1]) throw new Error("engine/go.mod does not require github.com/inngest/inngest at a version.");
  return match[1];
}

/** `builtHere`: the binary is Curbscore's own build, whose connect ports listen on loopback only. */
export type EngineCommand = { command: string; prefixArgs: string[]; source: string; builtHere: boolean };

/**
 * Finds the Inngest engine. INNGEST_ENGINE_PATH comes first, then the cached Go build of the
 * pinned version, built now when Go is installed. The last resort is `npx inngest-cli@<version>`,
 * which works only where the npm package's release download is reachable.
 */
export async function resolveEngine(log: (line: string) => void): Promise<EngineCommand> {
  const explicit = process.env.INNGEST_ENGINE_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`INNGEST_ENGINE_PATH is set to ${explicit}, but no file is there.`);
    return { command: explicit, prefixArgs: [], source: "INNGEST_ENGINE_PATH", builtHere: false };
  }

  const version = pinnedEngineVersion();
  const cached = cachedEnginePath(version);
  if (existsSync(cached)) return { command: cached, prefixArgs: [], source: `cached build ${version}`, builtHere: true };

  if (await hasGo()) {
    log(`Building the Inngest engine ${version} with Go (once; takes a few minutes)...`);
    await buildEngine(version);
    return { command: cached, prefixArgs: [], source: `fresh build ${version}`, builtHere: true };
  }

  log("Go is not installed; falling back to npx inngest-cli, which downloads a release binary.");
  return { command: "npx", prefixArgs: ["--yes", `inngest-cli@${version.replace(/^v/, "")}`], source: "npx inngest-cli", builtHere: false };
}

/** The build's name carries `loopback` so a build from before the listen patch is never reused. */
export function cachedEnginePath(version: string): string {
  return path.join(cacheDir, `inngest-${version}-loopback`);
}

/**
 * The dev server's connect gateway (HTTP and gRPC) and connect executor (gRPC) listen on every
 * interface. No flag of v1.43.0 narrows them, because `--host` covers the API port only. Curbscore
 * serves its functions over HTTP and never uses connect, so the build binds them to loopback.
 */
const loopbackListenPatches = [
  { file: "pkg/connect/service.go", from: 'addr := fmt.Sprintf(":%d", c.gatewayPublicPort)', to: 'addr := fmt.Sprintf("127.0.0.1:%d", c.gatewayPublicPort)' },
  { file: "pkg/connect/service.go", from: 'grpcAddr := fmt.Sprintf(":%d", c.grpcConfig.Gateway.Port)', to: 'grpcAddr := fmt.Sprintf("127.0.0.1:%d", c.grpcConfig.Gateway.Port)' },
  { file: "pkg/connect/grpc/grpc.go", from: 'addr := fmt.Sprintf(":%d", i.executorGRPCPort)', to: 'addr := fmt.Sprintf("127.0.0.1:%d", i.executorGRPCPort)' },
];

function bindConnectListenersToLoopback(sourceDir: string, version: string): void {
  for (const patch of loopbackListenPatches) {
    const file = path.join(sourceDir, patch.file);
    const source = readFileSync(file, "utf8");
    if (!source.includes(patch.from)) {
      throw new Error(`${patch.file} of Inngest ${version} no longer contains \`${patch.from}\`; update the loopback patches in scripts/stack/engine.ts for this version.`);
    }
    writeFileSync(file, source.replace(patch.from, patch.to));
  }
}

async function hasGo(): Promise<boolean> {
  try {
    await runCommand("go", ["version"]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds the engine from the Go module proxy, with engine/go.mod and go.sum pinning and verifying
 * the module. The build runs in a writable copy of the module: its `internal/embeddocs` package
 * embeds a docs folder that the published module lacks, so the copy gets a placeholder page, and
 * its connect listeners are bound to loopback.
 */
export async function buildEngine(version: string): Promise<string> {
  mkdirSync(cacheDir, { recursive: true });
  const env = { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=mod" };

  const downloaded = await runCommand("go", ["mod", "download", "-json", `github.com/inngest/inngest@${version}`], { cwd: engineModuleDir, env });
  const moduleDir = (JSON.parse(downloaded) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error(`go mod download returned no directory for github.com/inngest/inngest@${version}.`);

  const sourceDir = path.join(cacheDir, `src-${version}`);
  rmSync(sourceDir, { recursive: true, force: true });
  cpSync(moduleDir, sourceDir, { recursive: true });
  chmodRecursive(sourceDir);
  const docsDir = path.join(sourceDir, "internal", "embeddocs", "website", "pages", "docs");
  mkdirSync(docsDir, { recursive: true });
  writeFileSync(path.join(docsDir, "README.md"), "# The documentation pages are not bundled in this build.\n");
  bindConnectListenersToLoopback(sourceDir, version);

  const output = cachedEnginePath(version);
  await runCommand("go", ["build", "-trimpath", "-o", `${output}.tmp`, "./cmd"], { cwd: sourceDir, env: { ...env, GOFLAGS: "-mod=readonly" } });
  await runCommand("mv", [`${output}.tmp`, output]);
  rmSync(sourceDir, { recursive: true, force: true });
  return output;
}

function chmodRecursive(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chmodRecursive(full);
    else chmodSync(full, 0o644);
  }
}

export type EngineOptions = {
  port: number;
  appServeUrl: string;
  /** Extra ports the dev server binds besides its API port; distinct per stack so two stacks can run at once. */
  connectGatewayPort: number;
  connectGrpcPorts: [number, number];
  log: (line: string) => void;
  name?: string;
  /** Keeps the engine's state in this folder across restarts (`--persist` with its SQLite directory). */
  persistDir?: string;
};

export type RunningEngine = { url: string; process: ManagedProcess; stop: () => Promise<void> };

/** Starts `inngest dev` on a fixed port pointed at the app, and checks it listens on that port. */
export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  await assertPortFree(options.port, "INNGEST_PORT");
  const engine = await resolveEngine(options.log);
  options.log(`Inngest engine: ${engine.source}`);

  // `--host` binds the API port; our own build binds the three connect ports to loopback too.
  const args = [
    ...engine.prefixArgs,
    "dev",
    "--no-discovery",
    "-u",
    options.appServeUrl,
    "--host",
    "127.0.0.1",
    "--port",
    String(options.port),
    "--connect-gateway-port",
    String(options.connectGatewayPort),
    "--connect-gateway-grpc-port",
    String(options.connectGrpcPorts[0]),
    "--connect-executor-grpc-port",
    String(options.connectGrpcPorts[1]),
    "--poll-interval",
    "2",
    ...(options.persistDir ? ["--persist", "--sqlite-dir", options.persistDir] : []),
  ];
  const child = startProcess(options.name ?? "inngest", engine.command, args, { env: { ...process.env } });
  const url = `http://127.0.0.1:${options.port}`;
  await waitForHttp(`${url}/health`, 60_000, (response) => response.status < 500).catch((error: Error) => {
    throw new Error(`The Inngest engine did not start on port ${options.port}: ${error.message}. See ${child.logFile}.`);
  });
  const exposed = [options.port, options.connectGatewayPort, ...options.connectGrpcPorts].flatMap((port) =>
    listeningAddresses(port)
      .filter((listener) => !listener.loopback)
      .map((listener) => `${listener.address} port ${port}`),
  );
  if (exposed.length > 0) {
    const problem = `The Inngest engine (${engine.source}) listens beyond this machine: ${exposed.join(", ")}.`;
    if (engine.builtHere) {
      await child.stop();
      throw new Error(`${problem} Delete ${cacheDir} and run \`npm run engine:build\` again.`);
    }
    options.log(`Warning: ${problem} Only Curbscore's own build (\`npm run engine:build\`) keeps its connect ports on loopback.`);
  }
  return { url, process: child, stop: child.stop };
}
