import type { ReportRows } from '../../utils/fleet/rows';
import type { ClickhouseTarget } from './config';
import { TABLES, type ColumnKind, type TableSpec } from './schema';
import { serial, type Dialect, type FleetStore } from './store';

/**
 * ClickHouse 18.16 types (Debian's package): no Bool, no DateTime64, so flags are UInt8 and
 * times have seconds. Times are `DateTime('UTC')`: they print as UTC whatever the server's
 * time zone (a plain DateTime prints, and parses text, in the server's zone).
 */
const TYPE: Record<ColumnKind, string> = {
  text: 'String', date: 'Date', timestamp: "DateTime('UTC')", 'timestamp?': "Nullable(DateTime('UTC'))", flag: 'UInt8', count: 'UInt32', share: 'Float64', 'share?': 'Nullable(Float64)',
};

/**
 * Sorting keys. `reports` is a ReplacingMergeTree on the id and the collector asks
 * which ids exist before inserting, so a report is stored once. ClickHouse has no
 * transactions: rows of a report are sent before its `reports` row (the marker that
 * it is stored), and verdict/gap tables replace rows by (report, service) so a batch
 * retried after a half-failed insert collapses to one copy at the next merge.
 */
const ENGINE: Record<TableSpec['name'], string> = {
  reports: 'ReplacingMergeTree() PARTITION BY toYYYYMM(day) ORDER BY id',
  verdicts: 'ReplacingMergeTree() PARTITION BY toYYYYMM(day) ORDER BY (report_id, service_id)',
  gaps: 'ReplacingMergeTree() PARTITION BY toYYYYMM(day) ORDER BY (report_id, population, category)',
};

export const clickhouseDialect: Dialect = {
  name: 'clickhouse',
  // ClickHouse string literals take backslash escapes as well as quotes.
  text: (value) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
  date: (day) => `toDate('${/^\d{4}-\d{2}-\d{2}$/.test(day) ? day : '1970-01-01'}')`,
};

/**
 * A row's UTC instant (`2026-01-31T10:00:00.123Z`, utils/fleet/instant.ts) as Unix seconds:
 * ClickHouse reads a number into a DateTime as the instant itself, where a text time would
 * be read in the server's time zone (the fraction of a second has no place in a DateTime).
 */
const dateTime = (iso: string | null) => (iso === null ? null : Date.parse(`${iso.slice(0, 19)}Z`) / 1000);

/** The same rows as DuckDB, sent over ClickHouse's HTTP interface as JSONEachRow. */
export async function openClickhouseStore(target: ClickhouseTarget): Promise<FleetStore> {
  const headers: Record<string, string> = {};
  if (target.user || target.password) headers.authorization = `Basic ${Buffer.from(`${target.user ?? 'default'}:${target.password ?? ''}`).toString('base64')}`;
  const call = async (query: string, body?: string) => {
    const url = `${target.url}/?query=${encodeURIComponent(query)}`;
    const res = await fetch(url, { method: 'POST', headers, body: body ?? '', signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    if (!res.ok) throw new Error(`ClickHouse answered HTTP ${res.status}: ${text.slice(0, 300)}`);
    return text;
  };
  for (const t of TABLES) {
    await call(`CREATE TABLE IF NOT EXISTS ${t.name} (${t.columns.map((c) => `${c.name} ${TYPE[c.kind]}`).join(', ')}) ENGINE = ${ENGINE[t.name]}`);
  }
  const writing = serial();
  const query = async (sql: string) => (JSON.parse(await call(`${sql} FORMAT JSON`)) as { data: Record<string, unknown>[] }).data;

  const send = (t: TableSpec, rows: readonly object[]) => {
    if (!rows.length) return Promise.resolve('');
    const lines = rows.map((row) => {
      const r = row as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const c of t.columns) out[c.name] = c.kind.startsWith('timestamp') ? dateTime(r[c.name] as string | null) : r[c.name];
      return JSON.stringify(out);
    });
    return call(`INSERT INTO ${t.name} FORMAT JSONEachRow`, lines.join('\n'));
  };

  return {
    dialect: clickhouseDialect,
    // No transactions: counters kept beside the rows could not be kept exact across a
    // half-failed, retried batch; the replacing engine collapses raw rows instead.
    rollups: false,
    insert: (batch: readonly ReportRows[]) =>
      writing(async () => {
        if (!batch.length) return new Set<string>();
        const ids = batch.map((b) => b.report.id);
        const known = new Set((await query(`SELECT id FROM reports WHERE id IN (${ids.map(clickhouseDialect.text).join(',')}) GROUP BY id`)).map((r) => String(r.id)));
        const fresh = batch.filter((b) => !known.has(b.report.id));
        const [reports, verdicts, gaps] = TABLES;
        await send(verdicts!, fresh.flatMap((b) => b.verdicts));
        await send(gaps!, fresh.flatMap((b) => b.gaps));
        await send(reports!, fresh.map((b) => b.report));
        return new Set(fresh.map((b) => b.report.id));
      }),
    query,
    count: async () => Number((await query('SELECT count(DISTINCT id) AS n FROM reports'))[0]!.n),
    close: async () => {},
  };
}
