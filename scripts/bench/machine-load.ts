import { readFileSync } from "node:fs";
import os from "node:os";

/** CPU time of the whole machine, all processes included, from the first line of /proc/stat. */
export type MachineCpuSnapshot = { atMs: number; busyTicks: number };

/** Machine load over a span, for reading figures measured on a shared machine. */
export type MachineLoad = {
  /** Mean number of cores busy with any process, out of `cores`. */
  busyCores: number;
  cores: number;
  loadAverageAtEnd: number;
};

/** Reads the machine's busy CPU ticks: user, nice, system, irq, softirq and steal. */
export function snapshotMachineCpu(): MachineCpuSnapshot {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return { atMs: Date.now(), busyTicks: user + nice + system + irq + softirq + steal };
}

/** Mean busy cores since `before`, with /proc/stat's ticks at 100 per second (USER_HZ on Linux). */
export function machineLoadSince(before: MachineCpuSnapshot): MachineLoad {
  const after = snapshotMachineCpu();
  const seconds = (after.atMs - before.atMs) / 1000;
  return {
    busyCores: seconds > 0 ? (after.busyTicks - before.busyTicks) / 100 / seconds : 0,
    cores: os.availableParallelism(),
    loadAverageAtEnd: os.loadavg()[0] ?? 0,
  };
}
