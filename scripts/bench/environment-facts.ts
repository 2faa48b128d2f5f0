import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { pinnedEngineVersion } from "../stack/engine";
import { repoRoot } from "../stack/processes";

/** Facts of one benchmark run: the command, the code, the software versions and the machine. */
export type EnvironmentFacts = {
  command: string;
  startedAt: string;
  gitCommit: string;
  /** True when the working tree had uncommitted changes, so the commit alone does not reproduce the run. */
  gitDirty: boolean;
  nodeVersion: string;
  inngestServerVersion: string;
  inngestSdkVersion: string;
  postgresVersion: string | null;
  machine: { nproc: number; cpuModel: string; memoryGiB: number; kernel: string };
};

/** Collects the facts of this run; the PostgreSQL version is filled in once a stack has reported it. */
export function collectEnvironmentFacts(command: string, startedAt: Date): EnvironmentFacts {
  return {
    command,
    startedAt: startedAt.toISOString(),
    gitCommit: git(["rev-parse", "HEAD"]) || "unknown",
    gitDirty: git(["status", "--porcelain"]) !== "",
    nodeVersion: process.version,
    inngestServerVersion: pinnedEngineVersion(),
    inngestSdkVersion: readPackageVersion("inngest"),
    postgresVersion: null,
    machine: {
      nproc: Number(execFileSync("nproc").toString().trim()),
      cpuModel: /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? "unknown",
      memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
      kernel: os.release(),
    },
  };
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: repoRoot, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    return "";
  }
}

function readPackageVersion(name: string): string {
  const manifest = readFileSync(path.join(repoRoot, "node_modules", name, "package.json"), "utf8");
  return z.object({ version: z.string() }).parse(JSON.parse(manifest)).version;
}
