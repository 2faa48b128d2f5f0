import type { MachineLoad } from "./machine-load";

/** One figure of a scenario, with its target when it has one. */
export type Metric = {
  name: string;
  unit: string;
  /** The target as text, such as "≤ 10"; null for a figure reported without a target. */
  target: string | null;
  measured: number | string | null;
  /** Whether `measured` meets `target`; null without a target or without a measurement. */
  pass: boolean | null;
  /** The same figure from the comparison run, for scenarios that compare two set-ups. */
  reference?: number | string | null;
  referencePass?: boolean | null;
};

export type DetailTable = { title: string; header: string[]; rows: string[][] };

/** Figures of one scenario, as printed, written to docs/benchmarks.json and rendered on the page. */
export type ScenarioResult = {
  id: string;
  title: string;
  /** Description of the scenario's steps, in a few sentences for the benchmark page. */
  description: string;
  quick: boolean;
  settings: Record<string, string | number | boolean | null>;
  metrics: Metric[];
  /** Heading of the `reference` column, when the rows have one. */
  referenceLabel?: string;
  measuredLabel?: string;
  /** Tables printed and shown on the page below the metrics, such as one row per campaign. */
  tables: DetailTable[];
  /** Raw figures behind the metrics, kept in the JSON only. */
  details: unknown;
  /** Problems the harness noticed, such as a fallback it had to take. */
  notes: string[];
  startedAt: string;
  durationSeconds: number;
  /** How busy the machine was during the scenario, the benchmark's own processes included. */
  machineLoad?: MachineLoad;
};

/** Result of a scenario function, before the runner adds its start time, duration and machine load. */
export type ScenarioOutcome = Omit<ScenarioResult, "startedAt" | "durationSeconds" | "machineLoad">;

const comparisonSigns = { "<=": "≤", ">=": "≥", "=": "=" } as const;

/** Builds a metric whose pass is `measured <= target` (or `>=`, `=`), or null when nothing was measured. */
export function compareMetric(
  name: string,
  unit: string,
  measured: number | null,
  comparison: keyof typeof comparisonSigns,
  target: number,
): Metric {
  let pass: boolean | null = null;
  if (measured !== null && Number.isFinite(measured)) {
    if (comparison === "<=") pass = measured <= target;
    else if (comparison === ">=") pass = measured >= target;
    else pass = measured === target;
  }
  return { name, unit, target: `${comparisonSigns[comparison]} ${target}`, measured: roundFigure(measured), pass };
}

/** Builds a metric whose measured value must lie in [low, high]. */
export function rangeMetric(name: string, unit: string, measured: number | null, low: number, high: number): Metric {
  const pass = measured === null ? null : measured >= low && measured <= high;
  return { name, unit, target: `${low} to ${high}`, measured: roundFigure(measured), pass };
}

/** Builds a metric reported without a target. */
export function infoMetric(name: string, unit: string, measured: number | string | null): Metric {
  return { name, unit, target: null, measured: typeof measured === "number" ? roundFigure(measured) : measured, pass: null };
}

/** Rounds to three significant decimals for display, keeping integers as they are. */
export function roundFigure(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (Number.isInteger(value)) return value;
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return Number(value.toFixed(1));
  if (magnitude >= 1) return Number(value.toFixed(2));
  return Number(value.toFixed(3));
}
