import os from "node:os";
import { zeroLatencies, latencyKnobs, type BenchOptions } from "../bench-options";
import { payCampaign, readCampaign, uploadList, waitForCompletion } from "../bench-campaigns";
import { benchPorts, withBenchStack } from "../bench-stack";
import { writeAddressList } from "../generate-list";
import { findListeningPid } from "../../stack/listening-addresses";
import { findServerRoot, readCommandLine, treeCpuSeconds } from "../process-usage";
import { compareMetric, infoMetric, type ScenarioOutcome } from "../scenario-result";

/** High enough that the Gemini throttle never binds; the emulator's quota is switched off too. */
const unboundGeminiRpm = 60_000;
const scoringWindow = 200;
const cores = os.availableParallelism();

/**
 * Scenario overhead: the pipeline's own cost when every provider responds at once and no rate
 * limit. Measures end-to-end throughput and the CPU time of each server per 1,000 properties.
 */
export async function runOverhead(options: BenchOptions): Promise<ScenarioOutcome> {
  const size = options.quick ? 500 : 3000;
  const file = writeAddressList(options.workDir, "overhead", size, options.seed + 300);
  const settings = {
    geminiRpm: unboundGeminiRpm,
    emulatorKnobs: { ...latencyKnobs(zeroLatencies), geminiRpm: null },
    appEnv: { SCORING_WINDOW: String(scoringWindow) },
  };

  return withBenchStack(options, settings, async (stack) => {
    const campaign = await uploadList(stack, file, "overhead");
    const servers = {
      app: serverRoot(benchPorts.app, "app"),
      engine: serverRoot(benchPorts.engine, "Inngest engine"),
      postgres: serverRoot(Number(new URL(stack.databaseUrl).port), "PostgreSQL"),
    };
    options.log(`overhead: app ${describe(servers.app)}; engine ${describe(servers.engine)}; postgres ${describe(servers.postgres)}`);

    const cpuBefore = readCpu(servers);
    const harnessBefore = process.cpuUsage();
    await payCampaign(stack, campaign);
    const completed = await waitForCompletion(stack.db, [campaign.campaignId], { timeoutMs: 900_000 });
    const cpuAfter = readCpu(servers);
    const harness = process.cpuUsage(harnessBefore);

    const row = completed[0] ?? (await readCampaign(stack.db, campaign.campaignId));
    const wallSeconds = (row.completedAtMs! - row.paidAtMs!) / 1000;
    const perThousand = (seconds: number) => (seconds / campaign.propertyCount) * 1000;
    const cpu = {
      app: cpuAfter.app - cpuBefore.app,
      engine: cpuAfter.engine - cpuBefore.engine,
      postgres: cpuAfter.postgres - cpuBefore.postgres,
      // The emulator runs inside the benchmark process, so this also counts the harness's polling.
      emulatorAndHarness: (harness.user + harness.system) / 1e6,
    };
    const totalCpu = cpu.app + cpu.engine + cpu.postgres + cpu.emulatorAndHarness;

    return {
      id: "overhead",
      title: "Pipeline overhead without provider latency",
      description:
        `One ${campaign.propertyCount}-property campaign with every emulated provider answering at once, GEMINI_RPM=${unboundGeminiRpm} ` +
        `(the emulator's quota off) and SCORING_WINDOW=${scoringWindow}. Throughput runs from payment to completion (the database's ` +
        "paidAt and completedAt). CPU time is utime + stime (with reaped children) from /proc for each server's process tree, " +
        "read before the payment and after completion; the emulator shares the benchmark's own process.",
      quick: options.quick,
      settings: { geminiRpm: unboundGeminiRpm, scoringWindow, properties: campaign.propertyCount },
      metrics: [
        compareMetric("End-to-end throughput", "properties per min", (campaign.propertyCount / wallSeconds) * 60, ">=", 1500),
        infoMetric("Wall time, payment to completion", "s", wallSeconds),
        infoMetric("App (next start) CPU per 1,000 properties", "CPU s", perThousand(cpu.app)),
        infoMetric("Inngest engine CPU per 1,000 properties", "CPU s", perThousand(cpu.engine)),
        infoMetric("PostgreSQL CPU per 1,000 properties", "CPU s", perThousand(cpu.postgres)),
        infoMetric("Emulator and harness CPU per 1,000 properties", "CPU s", perThousand(cpu.emulatorAndHarness)),
        infoMetric("Wall time per 1,000 properties", "s", perThousand(wallSeconds)),
        infoMetric("CPU used by the benchmark stack over the wall time", "cores", totalCpu / wallSeconds),
        // The throughput this CPU cost allows if the servers had every core to themselves, whatever else ran during the measurement.
        infoMetric(
          `Throughput ceiling of app + engine + PostgreSQL on ${cores} cores`,
          "properties per min",
          (cores * 60 * campaign.propertyCount) / (cpu.app + cpu.engine + cpu.postgres),
        ),
      ],
      tables: [],
      details: { cpuSeconds: cpu, wallSeconds, servers: Object.fromEntries(Object.entries(servers).map(([name, pid]) => [name, { pid, command: readCommandLine(pid) }])) },
      notes: [],
    };
  });
}

function serverRoot(port: number, name: string): number {
  const listener = findListeningPid(port);
  if (listener === null) throw new Error(`No process listens on port ${port}, where the ${name} should be.`);
  return findServerRoot(listener);
}

function readCpu(servers: { app: number; engine: number; postgres: number }) {
  return { app: treeCpuSeconds(servers.app), engine: treeCpuSeconds(servers.engine), postgres: treeCpuSeconds(servers.postgres) };
}

function describe(pid: number): string {
  return `pid ${pid} (${readCommandLine(pid).slice(0, 60)})`;
}
