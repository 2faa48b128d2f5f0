import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { BenchOptions, Latencies } from "./bench-options";
import { lastPostgresVersion, stopAllBenchStacks } from "./bench-stack";
import { collectEnvironmentFacts } from "./environment-facts";
import { describeLoad } from "./format-table";
import { machineLoadSince, snapshotMachineCpu } from "./machine-load";
import { formatMetricTable, formatPlainTable } from "./format-table";
import { scenarioCatalog } from "./scenario-catalog";
import type { ScenarioResult } from "./scenario-result";
import { readBenchRecord, resultKey, writeBenchReport } from "./write-report";
import { repoRoot } from "../stack/processes";

const usage = `Usage: npm run bench -- [--scenario NAME ...] [--quick] [options]

Measures how campaigns share the global Gemini rate limit on a fresh local stack (ports 3410
and 8588-8591), prints a table per scenario and writes docs/benchmarks.md and
docs/benchmarks.json. Without --scenario every scenario runs, one after the other.

  --scenario NAME   run only this scenario; repeat for several
  --quick           small sizes, a smoke run of a few minutes; results are kept apart from full ones
  --seed N          seed of the generated address lists (default 1)
  --geocode-ms N    emulated geocoding latency in ms (default 100)
  --metadata-ms N   emulated Street View metadata latency in ms (default 50)
  --image-ms N      emulated Street View image latency in ms (default 150)
  --gemini-ms N     emulated Gemini latency in ms (default 1500)
  --jitter-ms N     uniform ± jitter added to each emulated latency in ms (default 200)

Scenarios (full-size length on a 2-core machine, estimated):
${scenarioCatalog.map((entry) => `  ${entry.id.padEnd(16)} ~${entry.fullMinutes} min. ${entry.title}`).join("\n")}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: "string", multiple: true },
      quick: { type: "boolean", default: false },
      seed: { type: "string", default: "1" },
      "geocode-ms": { type: "string", default: "100" },
      "metadata-ms": { type: "string", default: "50" },
      "image-ms": { type: "string", default: "150" },
      "gemini-ms": { type: "string", default: "1500" },
      "jitter-ms": { type: "string", default: "200" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }

  const requested = values.scenario ?? scenarioCatalog.map((entry) => entry.id);
  const unknown = requested.filter((id) => !scenarioCatalog.some((entry) => entry.id === id));
  if (unknown.length > 0) throw new Error(`Unknown scenario ${unknown.join(", ")}. Choose from ${scenarioCatalog.map((entry) => entry.id).join(", ")}.`);

  const latencies: Latencies = {
    geocodeMs: readMilliseconds(values["geocode-ms"], "--geocode-ms"),
    metadataMs: readMilliseconds(values["metadata-ms"], "--metadata-ms"),
    imageMs: readMilliseconds(values["image-ms"], "--image-ms"),
    geminiMs: readMilliseconds(values["gemini-ms"], "--gemini-ms"),
    jitterMs: readMilliseconds(values["jitter-ms"], "--jitter-ms"),
  };
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got ${values.seed}.`);

  const startedAt = new Date();
  const command = ["npm run bench --", ...process.argv.slice(2)].join(" ").replace(/ --$/, "");
  const facts = collectEnvironmentFacts(command, startedAt);
  const runId = startedAt.toISOString().replace(/\.\d+Z$/, "Z");
  const workDir = mkdtempSync(path.join(os.tmpdir(), "curbscore-bench-"));
  const options: BenchOptions = { quick: values.quick, latencies, seed, workDir, log };
  const docsDir = path.join(repoRoot, "docs");
  const stored = readBenchRecord(path.join(docsDir, "benchmarks.json"));
  const results: ScenarioResult[] = [];

  const findEarlier = (id: string): ScenarioResult | undefined =>
    results.find((result) => result.id === id) ?? stored.results[resultKey({ id, quick: values.quick })] ?? stored.results[id];

  try {
    for (const id of requested) {
      const entry = scenarioCatalog.find((candidate) => candidate.id === id)!;
      log(`scenario ${id}: starting${values.quick ? " (quick sizes)" : ""}`);
      const scenarioStarted = Date.now();
      const cpuBefore = snapshotMachineCpu();
      const outcome = await entry.run(options, findEarlier);
      const result: ScenarioResult = {
        ...outcome,
        startedAt: new Date(scenarioStarted).toISOString(),
        durationSeconds: (Date.now() - scenarioStarted) / 1000,
        machineLoad: machineLoadSince(cpuBefore),
      };
      results.push(result);

      console.log(`\n${result.title} (${result.id}), ${Math.round(result.durationSeconds)} s, ${describeLoad(result.machineLoad!)}\n\n${formatMetricTable(result)}\n`);
      for (const table of result.tables) console.log(`${table.title}:\n\n${formatPlainTable(table.header, table.rows)}\n`);
      for (const note of result.notes) console.log(`note: ${note}`);
      facts.postgresVersion = lastPostgresVersion();
      writeBenchReport(docsDir, runId, facts, results, scenarioCatalog);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  log(`wrote ${path.relative(process.cwd(), path.join(docsDir, "benchmarks.md"))} and benchmarks.json`);
}

function readMilliseconds(text: string | undefined, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 600_000) throw new Error(`${flag} must be a whole number of milliseconds from 0 to 600000, got ${text}.`);
  return value;
}

function log(line: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function stopAndExit(signal: NodeJS.Signals): Promise<void> {
  log(`${signal}: stopping the benchmark stack`);
  await stopAllBenchStacks();
  process.exit(130);
}

process.once("SIGINT", (signal) => void stopAndExit(signal));
process.once("SIGTERM", (signal) => void stopAndExit(signal));

main()
  .catch(async (error) => {
    console.error(`[bench] ${(error as Error).stack ?? (error as Error).message}`);
    await stopAllBenchStacks();
    process.exitCode = 1;
  });
