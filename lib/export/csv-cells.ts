/**
 * First characters that OWASP ASVS requirement 1.2.10 requires escaping with a single quote
 * (=, +, -, @, tab and NUL), plus the carriage return.
 */
const formulaTriggers = new Set(["=", "+", "-", "@", "\t", "\r", "\u0000"]);

/** A negative decimal number such as "-83.05": a spreadsheet reads it as a number, never as a formula. */
const negativeNumber = /^-(\d+(\.\d*)?|\.\d+)$/;

/**
 * Prefixes a single quote to a cell that a spreadsheet could run as a formula (CSV
 * injection): one starting with `=`, `+`, `-`, `@`, a tab, a carriage return or NUL.
 * A plain negative number such as a longitude ("-83.05") is left alone so that it stays a
 * number. Applying it twice changes nothing, because a quote is not a trigger.
 */
export function neutralizeFormula(value: string): string {
  const first = value.charAt(0);
  if (!formulaTriggers.has(first)) {
    return value;
  }

  if (negativeNumber.test(value)) {
    return value;
  }

  return `'${value}`;
}

/**
 * Formats one CSV record per RFC 4180, ending in CRLF. A cell is quoted, with its quotes
 * doubled, when it contains a comma, a quote, a CR or an LF. Cells are written as given,
 * with no number conversion, so "02134" stays "02134". Callers run `neutralizeFormula` on
 * cells that came from customers or models first.
 *
 * NOTE: Excel opening a CSV by double-click still guesses column types and shows "02134" as
 * 2134. The file keeps the text, and importing the column as Text in Excel keeps the zero.
 */
export function formatCsvRow(cells: string[]): string {
  return `${cells.map(quoteCell).join(",")}\r\n`;
}

function quoteCell(cell: string): string {
  if (!/[",\r\n]/.test(cell)) {
    return cell;
  }

  return `"${cell.replace(/"/g, '""')}"`;
}
