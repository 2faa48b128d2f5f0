/** Names of the address parts a separate-columns file may have, in the order the sentence lists them. */
const addressPartLabels: [key: string, label: string][] = [
  ["street", "street"],
  ["city", "city"],
  ["state", "state"],
  ["zip", "ZIP"],
];

const layoutLabels: Record<string, string> = {
  single_column: "one full-address column",
  redfin: "a Redfin export",
};

/**
 * Names the header layout for the review page's "Read as …" sentence. For separate columns it
 * lists only the address parts in `usedColumnKeys`, so a file without a ZIP column is not described as
 * having one. A single address column used with a default city and state contains street lines.
 */
export function describeLayout(layout: string, usedColumnKeys: readonly string[], hasDefaultCity: boolean): string {
  if (layout === "single_column" && hasDefaultCity) return "one street-address column";

  if (layout === "separate_columns") {
    const parts = addressPartLabels.filter(([key]) => usedColumnKeys.includes(key)).map(([, label]) => label);
    return parts.length === 0 ? "separate address columns" : `separate ${joinWithAnd(parts)} columns`;
  }

  return layoutLabels[layout] ?? layout;
}

function joinWithAnd(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
