/**
 * CSV as RFC 4180 says (comma-separated, CRLF line ends, fields with a comma, quote or line break
 * quoted, quotes doubled), with text cells that a spreadsheet would run as a formula defused.
 */
export type CsvCell = string | number;

// A cell starting with one of these is a formula in Excel, LibreOffice and Google Sheets; a tab or
// carriage return in front is skipped by some of them, so it counts too (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

function textCell(value: string): string {
  // The leading apostrophe makes the spreadsheet show the text as text instead of evaluating it.
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Numbers are written as numbers (a negative amount keeps its minus); everything else as text. */
function cell(value: CsvCell): string {
  return typeof value === 'number' ? String(value) : textCell(value);
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',') + '\r\n').join('');
}
