import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const logDir = path.join(repoRoot, ".data", "logs");

/** Asks the kernel for a free TCP port on the loopback interface. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Throws when something already listens on `port`, naming the setting that moves it. */
export async function assertPortFree(port: number, setting: string): Promise<void> {
  const inUse = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
  if (inUse) throw new Error(`Port ${port} is already in use on 127.0.0.1. Stop what listens there or set ${setting} to another port.`);
}

/** Polls `url` until `accept` returns true for a response, or throws after `timeoutMs`. */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  accept: (response: Response) => boolean | Promise<boolean> = (response) => response.ok,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = "no answer";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (await accept(response)) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${url} (${lastProblem}).`);
}

export type ManagedProcess = {
  child: ChildProcess;
  logFile: string;
  stop: () => Promise<void>;
  /** Kills the whole process group at once with SIGKILL and waits for the leader to exit. */
  kill: () => Promise<void>;
};

const runningGroups = new Set<number>();

// A launcher that exits for any reason takes its children with it, so no server outlives it.
process.once("exit", () => {
  for (const pid of runningGroups) signalGroup(pid, "SIGKILL");
});

/**
 * Starts a child process in its own process group, with its output in .data/logs/<name>.log.
 * `stop` sends SIGTERM to the whole group (a server's own children included), then SIGKILL after
 * ten seconds.
 */
export function startProcess(name: string, command: string, args: string[], options: SpawnOptions = {}): ManagedProcess {
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(command, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"], detached: true, ...options });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const pid = child.pid;
  if (pid !== undefined) runningGroups.add(pid);
  child.once("exit", () => {
    if (pid !== undefined) runningGroups.delete(pid);
  });

  const stop = async () => {
    if (pid === undefined || !runningGroups.has(pid)) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    signalGroup(pid, "SIGTERM");
    const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    // The group leader can exit before its children; make sure none is left.
    signalGroup(pid, "SIGKILL");
  };
  const kill = async () => {
    if (pid === undefined || !runningGroups.has(pid)) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    signalGroup(pid, "SIGKILL");
    await exited;
  };
  return { child, logFile, stop, kill };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Runs a command to completion, failing with its output when it exits non-zero. */
export async function runCommand(command: string, args: string[], options: SpawnOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"], ...options });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output.slice(-4000)}`)),
    );
  });
}
