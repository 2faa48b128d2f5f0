import type { MachineLoad } from "./machine-load";
import type { Metric, ScenarioResult } from "./scenario-result";

/** Renders a scenario's metrics as a Markdown table, which also reads well in a terminal. */
export function formatMetricTable(result: ScenarioResult): string {
  const hasReference = result.metrics.some((metric) => metric.reference !== undefined);
  const header = hasReference
    ? ["Metric", "Target", result.referenceLabel ?? "Reference", "Pass", result.measuredLabel ?? "Measured", "Pass"]
    : ["Metric", "Target", "Measured", "Pass"];

  const rows = result.metrics.map((metric) => {
    const cells = [`${metric.name}${metric.unit ? ` (${metric.unit})` : ""}`, metric.target ?? "n/a"];
    if (hasReference) cells.push(formatValue(metric.reference ?? null), formatPass(metric.referencePass ?? null));
    cells.push(formatValue(metric.measured), formatPass(metric.pass));
    return cells;
  });

  return formatPlainTable(header, rows);
}

/** Renders rows of text cells as a Markdown table. */
export function formatPlainTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.map(escapeCell).join(" | ")} |`).join("\n");
}

export function formatValue(value: Metric["measured"]): string {
  if (value === null) return "not measured";
  return typeof value === "number" ? value.toLocaleString("en-US", { maximumFractionDigits: 3 }) : value;
}

function formatPass(pass: boolean | null): string {
  if (pass === null) return "";
  return pass ? "pass" : "FAIL";
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Describes the machine's load during a scenario in one phrase. */
export function describeLoad(load: MachineLoad): string {
  return `machine CPU busy ${load.busyCores.toFixed(2)} of ${load.cores} cores on average (all processes), load average ${load.loadAverageAtEnd.toFixed(1)} at the end`;
}
