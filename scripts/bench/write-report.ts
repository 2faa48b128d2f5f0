import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { EnvironmentFacts } from "./environment-facts";
import { describeLoad, formatMetricTable, formatPlainTable } from "./format-table";
import type { ScenarioResult } from "./scenario-result";

/** A scenario's result together with the run that produced it. */
export type StoredResult = ScenarioResult & { runId: string };

/** Contents of docs/benchmarks.json: every run's facts and the latest result of each scenario. */
export type BenchRecord = { runs: Record<string, EnvironmentFacts>; results: Record<string, StoredResult> };

/** A scenario as the page lists it, whether or not it has been run. */
export type CatalogEntry = { id: string; title: string; summary: string };

const storedResultSchema = z
  .object({ id: z.string(), runId: z.string(), quick: z.boolean(), tables: z.array(z.unknown()).default([]), notes: z.array(z.string()).default([]) })
  .passthrough();
const recordSchema = z.object({ runs: z.record(z.string(), z.unknown()), results: z.record(z.string(), storedResultSchema) });

/** Key of a result in the record: quick results are kept apart so a smoke run never hides a full one. */
export function resultKey(result: { id: string; quick: boolean }): string {
  return result.quick ? `${result.id}:quick` : result.id;
}

/** Reads docs/benchmarks.json, or returns an empty record when there is none yet. */
export function readBenchRecord(jsonFile: string): BenchRecord {
  if (!existsSync(jsonFile)) return { runs: {}, results: {} };

  const parsed = recordSchema.safeParse(JSON.parse(readFileSync(jsonFile, "utf8")));
  if (!parsed.success) throw new Error(`${jsonFile} is not a benchmark record (${parsed.error.issues[0]?.message}). Move it away to start a new one.`);
  // The stored results were written by writeBenchReport from the same types.
  return parsed.data as unknown as BenchRecord;
}

/**
 * Adds this run's results to the stored record (replacing earlier results of the same scenarios),
 * drops runs no result refers to any more, and writes docs/benchmarks.json and docs/benchmarks.md.
 */
export function writeBenchReport(
  docsDir: string,
  runId: string,
  facts: EnvironmentFacts,
  results: readonly ScenarioResult[],
  catalog: readonly CatalogEntry[],
): BenchRecord {
  const jsonFile = path.join(docsDir, "benchmarks.json");
  const record = readBenchRecord(jsonFile);
  record.runs[runId] = facts;
  for (const result of results) record.results[resultKey(result)] = { ...result, runId };

  const usedRuns = new Set(Object.values(record.results).map((result) => result.runId));
  for (const id of Object.keys(record.runs)) if (!usedRuns.has(id)) delete record.runs[id];

  mkdirSync(docsDir, { recursive: true });
  writeFileSync(jsonFile, `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(path.join(docsDir, "benchmarks.md"), renderPage(record, catalog));
  return record;
}

function renderPage(record: BenchRecord, catalog: readonly CatalogEntry[]): string {
  const shown = catalog.map((entry) => ({ entry, result: record.results[entry.id] ?? record.results[`${entry.id}:quick`] }));
  const shownRuns = new Set(shown.flatMap(({ result }) => (result ? [result.runId] : [])));
  const lines = [
    "# Benchmarks",
    "",
    "How campaigns share one global Gemini rate limit, how fast the pipeline runs when nothing",
    "throttles it, and how the app holds up with a 50,000-property list. Every figure comes from",
    "`npm run bench` against a fresh local stack: embedded PostgreSQL, the provider emulator, the",
    "built app (`next start`) and the Inngest dev server with its default settings unless a",
    "scenario says otherwise. The benchmark stack listens on 127.0.0.1 ports 3410 and 8588 to 8591.",
    "",
    "```sh",
    "npm run bench                                   # every scenario, full sizes",
    "npm run bench -- --scenario late-small --scenario rate-budget",
    "npm run bench -- --quick                        # small sizes, a smoke run of a few minutes",
    "npm run bench -- --help                         # latency flags and the scenario list",
    "```",
    "",
    "Each scenario's medians and ratios come from one run on a shared machine, so they carry that",
    "run's noise. Each scenario states how many cores were busy on average during its run, all",
    "processes included (from /proc/stat), because other stacks may run beside the benchmark. A run",
    "replaces the stored result of the scenarios it ran and keeps the others; results of `--quick`",
    "runs are shown only for scenarios without a full result.",
    "",
    "## Runs",
    "",
    "| Run | Command | Commit | Node | Inngest server / SDK | PostgreSQL | Machine |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...Object.entries(record.runs)
      .filter(([id]) => shownRuns.has(id))
      .map(([id, facts]) => renderRunRow(id, facts)),
    "",
  ];

  for (const { entry, result } of shown) {
    lines.push(`## ${entry.title} (\`${entry.id}\`)`, "", entry.summary, "");
    if (!result) {
      lines.push(`Not run yet: \`npm run bench -- --scenario ${entry.id}\`.`, "");
      continue;
    }
    lines.push(...renderResult(result));
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function renderRunRow(id: string, facts: EnvironmentFacts): string {
  const commit = `${facts.gitCommit.slice(0, 12)}${facts.gitDirty ? " (uncommitted changes)" : ""}`;
  const machine = `${facts.machine.nproc} × ${facts.machine.cpuModel}, ${facts.machine.memoryGiB} GiB`;
  const cells = [id, `\`${facts.command}\``, commit, facts.nodeVersion, `${facts.inngestServerVersion} / ${facts.inngestSdkVersion}`, facts.postgresVersion ?? "unknown", machine];
  return `| ${cells.join(" | ")} |`;
}

function renderResult(result: StoredResult): string[] {
  const settings = Object.entries(result.settings).map(([name, value]) => `${name}=${value}`).join(", ");
  const lines = [
    result.description,
    "",
    `Run ${result.runId}${result.quick ? " with `--quick` sizes" : ""}, ${Math.round(result.durationSeconds)} s` +
      `${result.machineLoad ? `, ${describeLoad(result.machineLoad)}` : ""}. Settings: ${settings}.`,
    "",
    formatMetricTable(result),
    "",
  ];
  for (const table of result.tables) lines.push(`${table.title}:`, "", formatPlainTable(table.header, table.rows), "");
  if (result.notes.length > 0) lines.push(...result.notes.map((note) => `- ${note}`), "");
  return lines;
}
