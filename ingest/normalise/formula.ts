// Spreadsheet formula injection (OWASP "CSV injection"): spotting formula-like text and neutralising CSV cells.

/**
 * Text a spreadsheet would run as a formula when the CSV is opened: it starts with `=`, `+`, `-`, `@`, a
 * tab or a carriage return (OWASP's list). A plain number such as `-500` or `+86` is not a formula and is
 * left alone: amounts are negative all the time, and Excel reads them as the numbers they are.
 */
export function isFormulaLike(text: string): boolean {
  if (!/^[=+\-@\t\r]/.test(text)) return false;
  return !/^[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)$/.test(text);
}

/**
 * A cell value safe to write into a CSV an analyst may open in Excel or WPS: formula-like text gets a leading
 * `'`, which spreadsheets take as "this is text" and do not display. Text already starting with `'` gets one
 * too, so restoreCell can undo exactly what was done and the spreadsheet still shows the value as it was.
 */
export function neutraliseCell(text: string): string {
  return isFormulaLike(text) || text.startsWith("'") ? `'${text}` : text;
}

/** The value neutraliseCell was given, for programs reading back a CSV the project wrote. */
export function restoreCell(text: string): string {
  if (!text.startsWith("'")) return text;
  const rest = text.slice(1);
  return isFormulaLike(rest) || rest.startsWith("'") ? rest : text;
}

/**
 * One CSV cell as every CSV writer of the project writes it: neutralised, then quoted when it holds a
 * delimiter, quote or line break (RFC 4180). The one place CSV output is escaped.
 */
export function csvCell(value: unknown): string {
  const text = neutraliseCell(value === undefined || value === null ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
