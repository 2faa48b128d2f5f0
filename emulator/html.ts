/** Escapes text for use in HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Wraps trusted body HTML in a minimal page; the title is escaped here. */
export function renderPage(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 46rem; padding: 0 1rem; color: #1f2328; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #d0d7de; }
  .badge { display: inline-block; background: #fff3cd; color: #664d03; padding: 0.1rem 0.5rem; border-radius: 0.3rem; font-size: 0.85rem; }
  .total { font-size: 1.6rem; font-weight: 600; }
  button { font-size: 1rem; padding: 0.6rem 2rem; background: #635bff; color: white; border: 0; border-radius: 0.4rem; cursor: pointer; }
  code { background: #f6f8fa; padding: 0.1rem 0.3rem; }
</style>
</head>
<body>
${bodyHtml}
</body>
</html>
`;
}

/** Formats an amount in minor units, such as 1234 usd as "$12.34". */
export function formatMoney(amountMinor: number, currency: string): string {
  const formatter = new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() });
  const fractionDigits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(amountMinor / 10 ** fractionDigits);
}
