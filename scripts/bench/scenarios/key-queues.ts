import type { BenchOptions } from "../bench-options";
import type { Metric, ScenarioOutcome, ScenarioResult } from "../scenario-result";
import { runLateSmall } from "./late-small";
import { runManyCustomers } from "./many-customers";

/**
 * Scenario key-queues: late-small and many-customers again, with the engine's experimental key
 * queues (one backlog per throttle and concurrency key), next to the figures from the default
 * queues. The default figures come from this run when it included those scenarios, otherwise from
 * docs/benchmarks.json.
 */
export async function runKeyQueues(options: BenchOptions, findEarlier: (id: string) => ScenarioResult | undefined): Promise<ScenarioOutcome> {
  const lateSmall = await runLateSmall(options, { keyQueues: true });
  const manyCustomers = await runManyCustomers(options, { keyQueues: true });

  const notes: string[] = [];
  const metrics: Metric[] = [];
  for (const [id, outcome] of [["late-small", lateSmall], ["many-customers", manyCustomers]] as const) {
    const reference = findEarlier(id);
    if (!reference) notes.push(`No ${id} result with the default queues yet: run \`npm run bench -- --scenario ${id}\` for the comparison column.`);
    else if (reference.quick !== options.quick) notes.push(`The default-queue ${id} figures come from a ${reference.quick ? "--quick" : "full"} run, so sizes differ.`);
    else notes.push(`The default-queue ${id} figures come from the run of ${reference.startedAt}.`);

    for (const metric of outcome.metrics) {
      const match = reference?.metrics.find((candidate) => candidate.name === metric.name);
      metrics.push({ ...metric, name: `${id}: ${metric.name}`, reference: match?.measured ?? null, referencePass: match?.pass ?? null });
    }
  }

  return {
    id: "key-queues",
    title: "Default queues against key queues",
    description:
      "Runs late-small and many-customers with the Inngest dev server started with EXPERIMENTAL_KEY_QUEUES_ENABLE=true, which gives " +
      "each throttle and concurrency key its own backlog, and shows the same figures measured with the default queues.",
    quick: options.quick,
    settings: { ...lateSmall.settings, keyQueues: true },
    metrics,
    referenceLabel: "Default queues",
    measuredLabel: "Key queues",
    tables: [...lateSmall.tables, ...manyCustomers.tables].map((table) => ({ ...table, title: `Key queues, ${table.title}` })),
    details: { lateSmall: lateSmall.details, manyCustomers: manyCustomers.details },
    notes: [...notes, ...lateSmall.notes, ...manyCustomers.notes],
  };
}
