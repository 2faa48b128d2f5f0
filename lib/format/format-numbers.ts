/** US format for whole counts, with thousands separators. */
const countFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
/** US dollar format with thousands separators and cents. */
const usdFormat = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** Formats a count for customers, e.g. 12000 → "12,000". */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** Formats a count with its noun, singular for exactly one, e.g. (12000, "property", "properties") → "12,000 properties". */
export function formatCountOf(count: number, singular: string, plural: string): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** Formats cents as US dollars, e.g. 123450 → "$1,234.50". */
export function formatUsd(cents: number): string {
  return usdFormat.format(cents / 100);
}
