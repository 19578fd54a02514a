import Papa from 'papaparse';
import type { Catalog, ServiceEntry, UsageFigure } from './schema';
import { CSV_COLUMNS, neutralise, type CsvColumn } from './csv-columns';

/** CSV export options. Defaults suit any spreadsheet; `frenchExcel` suits Excel set to French. */
export interface CsvExportOptions {
  /** `;` and decimal commas, as French Excel expects. */
  frenchExcel?: boolean;
  /** UTF-8 byte-order mark, without which Excel decodes "é" as "Ã©". Default true. */
  bom?: boolean;
}

/**
 * Exports a catalog as CSV, one usage figure per row (see `csv-columns.ts`). Cells that
 * a spreadsheet would evaluate are prefixed with `'` (OWASP "CSV Injection"): a valid
 * catalog never has one, but the export must stay safe to open whatever it is given.
 */
export function catalogToCsv(catalog: Catalog, opts: CsvExportOptions = {}): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const service of catalog.services) {
    const figures: (UsageFigure | undefined)[] = service.usage.length ? service.usage : [undefined];
    for (const figure of figures) rows.push(CSV_COLUMNS.map((c) => neutralise(cellOf(service, figure, c, opts))));
  }
  const csv = Papa.unparse(rows, { delimiter: opts.frenchExcel ? ';' : ',', newline: '\r\n' });
  return (opts.bom ?? true ? '\ufeff' : '') + csv + '\r\n';
}

function cellOf(service: ServiceEntry, figure: UsageFigure | undefined, column: CsvColumn, opts: CsvExportOptions): string {
  switch (column) {
    case 'id':
    case 'name':
    case 'category':
    case 'checked':
      return service[column] ?? '';
    case 'name_fr':
      return service.nameFr ?? '';
    case 'domains':
      return (service.domains ?? []).join(' ');
    case 'page':
    case 'media':
    case 'realtime':
    case 'call':
      return service.channels[column] ?? '';
    case 'retired_year':
      return service.retired ? String(service.retired.year) : '';
    case 'successor':
      return service.retired?.successor ?? '';
    case 'successor_id':
      return service.retired?.successorId ?? '';
    case 'retired_note':
      return service.retired?.note ?? '';
    case 'share':
      if (figure?.share == null) return '';
      return opts.frenchExcel ? String(figure.share).replace('.', ',') : String(figure.share);
    case 'year':
      return figure ? String(figure.year) : '';
    case 'source_url':
      return figure?.url ?? '';
    case 'population':
    case 'metric':
    case 'source':
      return figure?.[column] ?? '';
  }
}
