import type { BenchOptions } from "./bench-options";
import type { ScenarioOutcome, ScenarioResult } from "./scenario-result";
import { runKeyQueues } from "./scenarios/key-queues";
import { runLarge } from "./scenarios/large";
import { runLateSmall } from "./scenarios/late-small";
import { fullSizes, runManyCustomers } from "./scenarios/many-customers";
import { runOverhead } from "./scenarios/overhead";
import { runRateBudget } from "./scenarios/rate-budget";

export type ScenarioEntry = {
  id: string;
  title: string;
  /** Description of the scenario at full size, for --help and the benchmark page. */
  summary: string;
  /** Rough length of a full run on a 2-core machine, stack start included, in minutes. */
  fullMinutes: number;
  /** `findEarlier` returns a result already measured, for scenarios that compare against another one. */
  run: (options: BenchOptions, findEarlier: (id: string) => ScenarioResult | undefined) => Promise<ScenarioOutcome>;
};

/** Every scenario, in the order a full run takes them. */
export const scenarioCatalog: ScenarioEntry[] = [
  {
    id: "late-small",
    title: "Small campaign paid late",
    summary:
      "GEMINI_RPM=120. A 2,000-property campaign A runs until its finish rate is steady, then a 20-property campaign B is paid. " +
      "Reports when B's first property is scored, B's completion against half the Gemini budget, A's progress meanwhile, " +
      "and a one-worker FIFO baseline. Stops when B completes.",
    fullMinutes: 5,
    run: (options) => runLateSmall(options),
  },
  {
    id: "many-customers",
    title: "Many customers at once",
    summary:
      `GEMINI_RPM=300. ${fullSizes.length} campaigns of ${fullSizes.join(", ")} properties are paid over 60 s. ` +
      "Reports Jain's fairness index of their finish rates per 30 s window and the error of the ETA the page shows at half way. " +
      "At 300 calls per minute the 4,545 properties take about 15 minutes, the time this scenario is meant to fit in.",
    fullMinutes: 17,
    run: (options) => runManyCustomers(options),
  },
  {
    id: "rate-budget",
    title: "Use of the Gemini budget",
    summary:
      "GEMINI_RPM=300. One 1,000-property campaign, then two together: steady-state Gemini calls per minute from the emulator's " +
      "accepted calls, the maximum in any 60 s window and the number of 429 responses.",
    fullMinutes: 12,
    run: (options) => runRateBudget(options),
  },
  {
    id: "overhead",
    title: "Pipeline overhead without provider latency",
    summary:
      "Zero latency, GEMINI_RPM=60000 with the emulator's quota off, SCORING_WINDOW=200: throughput of a 3,000-property campaign " +
      "and CPU seconds per 1,000 properties of the app, the Inngest engine and PostgreSQL.",
    fullMinutes: 4,
    run: (options) => runOverhead(options),
  },
  {
    id: "large",
    title: "Large list",
    summary:
      "A 50,000-property list: upload and start-up times, properties in flight, the app's memory and campaign page response " +
      "times over the first 3 minutes of processing, and the runs' distance from Inngest's limits.",
    fullMinutes: 5,
    run: (options) => runLarge(options),
  },
  {
    id: "key-queues",
    title: "Default queues against key queues",
    summary:
      "late-small and many-customers again with the engine's EXPERIMENTAL_KEY_QUEUES_ENABLE=true, side by side with the default queues.",
    fullMinutes: 22,
    run: (options, findEarlier) => runKeyQueues(options, findEarlier),
  },
];
