/**
 * CSV as RFC 4180 describes it (CRLF, quoted fields, doubled quotes), safe to open in a spreadsheet.
 * Every text cell is quoted, so a locale whose list separator is ";" (German, French, Dutch Excel)
 * cannot split one; and wherever a spreadsheet could start reading a formula — the cell's start, or
 * after a separator of any locale, a tab or a line break — a formula start gets an apostrophe.
 */
export type CsvCell = string | number | null | undefined;

const SEPARATORS = new Set([';', ',', '\t', '\r', '\n']);
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r', '\0']);

/** An apostrophe before each formula start (judged against the original text, so runs of separators are all caught). */
function neutralise(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const atStart = i === 0 || SEPARATORS.has(text[i - 1]);
    out += atStart && FORMULA_STARTS.has(text[i]) ? `'${text[i]}` : text[i];
  }
  return out;
}

function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  // Numbers are data, not formulas: -3 stays -3.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return `"${neutralise(value).replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: Array<Array<CsvCell>>): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
