import { neutralise } from '../catalog/csv-columns';

/**
 * Make one value safe for a spreadsheet: a text cell starting with `= + - @`,
 * tab or CR gets a leading `'` so Excel/LibreOffice/Sheets show it as text
 * instead of running it (service names come from custom catalogs, error
 * strings and page titles from the network: none can be trusted).
 */
export function neutralizeCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return typeof value === 'string' ? neutralise(text) : text;
}

/** Quote a cell per RFC 4180 when it holds a comma, quote or line break. */
function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Rows to CSV text: neutralised, quoted, CRLF line ends (RFC 4180). */
export function toCsv(rows: (string | number | boolean | null | undefined)[][]): string {
  return rows.map((row) => row.map((cell) => quote(neutralizeCell(cell))).join(',')).join('\r\n') + '\r\n';
}
