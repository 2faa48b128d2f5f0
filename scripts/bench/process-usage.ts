import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * Reads CPU time and memory of the stack's server processes from /proc (Linux only). A server's
 * pid comes from the port it listens on (findListeningPid); its usage covers its whole process tree.
 */

const clockTicksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

type ProcStat = { pid: number; ppid: number; pgrp: number; cpuTicks: number };

/**
 * Returns the root of the server's process tree: the leader of the listener's process group when
 * the server was started in a group of its own (as scripts/stack/processes.ts does), otherwise
 * the listener itself (embedded PostgreSQL shares the launcher's group).
 */
export function findServerRoot(listenerPid: number): number {
  const stat = readStat(listenerPid);
  if (!stat || stat.pgrp === readStat(process.pid)?.pgrp) return listenerPid;
  return readStat(stat.pgrp) ? stat.pgrp : listenerPid;
}

/**
 * CPU seconds used by `rootPid` and its descendants, including descendants that already exited
 * and were reaped (counted in their parent's cutime and cstime).
 */
export function treeCpuSeconds(rootPid: number): number {
  const stats = listPids().flatMap((pid) => readStat(pid) ?? []);
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);

  let ticks = 0;
  const pending = stats.filter((stat) => stat.pid === rootPid);
  for (let visited = 0; pending.length > 0 && visited < 100_000; visited++) {
    const current = pending.pop()!;
    ticks += current.cpuTicks;
    pending.push(...(children.get(current.pid) ?? []));
  }
  return ticks / clockTicksPerSecond;
}

/** Returns the peak (VmHWM) and current (VmRSS) resident memory of one process in MiB, or null when it is gone. */
export function readResidentMemory(pid: number): { peakMiB: number; currentMiB: number } | null {
  const status = readTextOrEmpty(`/proc/${pid}/status`);
  const peak = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  const current = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!peak || !current) return null;
  return { peakMiB: Number(peak) / 1024, currentMiB: Number(current) / 1024 };
}

/** Returns the command line of a process, arguments joined by spaces. */
export function readCommandLine(pid: number): string {
  return readTextOrEmpty(`/proc/${pid}/cmdline`).split("\0").join(" ").trim();
}

function listPids(): number[] {
  return readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number);
}

/** Parses /proc/<pid>/stat; the command name may contain spaces and parentheses, so fields are read after the last ")". */
function readStat(pid: number): ProcStat | null {
  const text = readTextOrEmpty(`/proc/${pid}/stat`);
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  if (fields.length < 15) return null;

  // After the name: state(0) ppid(1) pgrp(2) ... utime(11) stime(12) cutime(13) cstime(14), in clock ticks.
  const cpuTicks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
  return { pid, ppid: Number(fields[1]), pgrp: Number(fields[2]), cpuTicks };
}

function readTextOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
