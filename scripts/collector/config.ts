import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { noCredentials, type Credentials } from './access';

export type Command =
  | { command: 'serve'; dir: string; port: number; host: string; credentials: Credentials; origins: string[]; hostnames: string[]; clickhouse?: ClickhouseTarget; rateLimit: { burst: number; perMinute: number }; warnings: string[] }
  | { command: 'migrate'; from: string; dir: string; clickhouse?: ClickhouseTarget }
  | { command: 'export'; dir: string; out: string };

export interface ClickhouseTarget {
  url: string;
  user?: string;
  password?: string;
}

/** Options that used to carry secrets: refused, because argv shows in `ps` to every user of the machine. */
const SECRET_FLAGS = ['--auth', '--upload-auth', '--read-auth', '--password'];

/**
 * The collector's command line and environment, checked. Secrets come from the
 * environment (`ACCESS_GAP_UPLOAD_AUTH`, `ACCESS_GAP_READ_AUTH`, one header value
 * per line) or a JSON file (`--credentials-file`, or `ACCESS_GAP_CREDENTIALS_FILE`),
 * never from argv. Throws an Error naming the problem.
 */
export function parseCommand(argv: string[], env: NodeJS.ProcessEnv, readText: (path: string) => string = (p) => readFileSync(p, 'utf8')): Command {
  const secret = argv.find((a) => SECRET_FLAGS.includes(a.split('=')[0]!));
  if (secret) throw new Error(`${secret.split('=')[0]} is refused: a secret on the command line is visible to every user (ps, /proc). Set ACCESS_GAP_UPLOAD_AUTH / ACCESS_GAP_READ_AUTH or use --credentials-file`);
  const [first] = argv;
  const command = first && !first.startsWith('-') ? first : 'serve';
  const rest = command === first ? argv.slice(1) : argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      port: { type: 'string', default: '8787' },
      dir: { type: 'string', default: 'reports/fleet' },
      host: { type: 'string', default: '127.0.0.1' },
      origin: { type: 'string', multiple: true, default: [] },
      hostname: { type: 'string', multiple: true, default: [] },
      'credentials-file': { type: 'string' },
      clickhouse: { type: 'string' },
      'rate-burst': { type: 'string', default: '240' },
      'rate-per-minute': { type: 'string', default: '20' },
      from: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const clickhouse = clickhouseTarget(values.clickhouse ?? env.ACCESS_GAP_CLICKHOUSE_URL, env);
  if (command === 'migrate') {
    if (!values.from) throw new Error('migrate needs --from <directory of .ndjson files>');
    return { command, from: values.from, dir: values.dir, ...(clickhouse ? { clickhouse } : {}) };
  }
  if (command === 'export') {
    if (!values.out) throw new Error('export needs --out <directory for the Parquet files>');
    return { command, dir: values.dir, out: values.out };
  }
  if (command !== 'serve') throw new Error(`unknown command ${JSON.stringify(command)} (serve, migrate, export)`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${JSON.stringify(values.port)}`);
  const warnings: string[] = [];
  const credentials = noCredentials();
  const lines = (v: string | undefined) => (v ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  credentials.upload.push(...lines(env.ACCESS_GAP_UPLOAD_AUTH));
  credentials.read.push(...lines(env.ACCESS_GAP_READ_AUTH));
  const file = values['credentials-file'] ?? env.ACCESS_GAP_CREDENTIALS_FILE;
  if (file) {
    const fromFile = credentialsFile(file, readText(file));
    credentials.upload.push(...fromFile.upload);
    credentials.read.push(...fromFile.read);
    Object.assign(credentials.uploadBySite, fromFile.uploadBySite);
    try {
      if (statSync(file).mode & 0o077) warnings.push(`${file} is readable by other users: chmod 600 it`);
    } catch { /* a file given by a test's readText need not exist */ }
  }
  const shared = credentials.read.find((r) => credentials.upload.includes(r) || Object.values(credentials.uploadBySite).includes(r));
  if (shared) throw new Error('a read credential is also an upload credential: browsers hold upload credentials, so they must never read');
  const rate = (name: 'rate-burst' | 'rate-per-minute') => {
    const n = Number(values[name]);
    if (!(n > 0)) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  return {
    command, dir: values.dir, port, host: values.host, credentials, origins: values.origin, hostnames: values.hostname,
    ...(clickhouse ? { clickhouse } : {}), rateLimit: { burst: rate('rate-burst'), perMinute: rate('rate-per-minute') }, warnings,
  };
}

/** `{"upload": ["Bearer …"], "read": ["Bearer …"], "uploadBySite": {"Paris HQ": "Bearer …"}}` */
export function credentialsFile(path: string, text: string): Credentials {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const v = value as Partial<Credentials>;
  const strings = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string' && s.length >= 8);
  if (typeof value !== 'object' || value === null) throw new Error(`${path}: expected an object with upload, read and uploadBySite`);
  if (v.upload !== undefined && !strings(v.upload)) throw new Error(`${path}: upload must be a list of header values of 8 characters or more`);
  if (v.read !== undefined && !strings(v.read)) throw new Error(`${path}: read must be a list of header values of 8 characters or more`);
  if (v.uploadBySite !== undefined && !(typeof v.uploadBySite === 'object' && strings(Object.values(v.uploadBySite ?? {})))) {
    throw new Error(`${path}: uploadBySite must map site labels to header values of 8 characters or more`);
  }
  return { upload: v.upload ?? [], read: v.read ?? [], uploadBySite: { ...v.uploadBySite } };
}

/** The ClickHouse HTTP URL without a password in it; the password comes from ACCESS_GAP_CLICKHOUSE_PASSWORD. */
function clickhouseTarget(raw: string | undefined, env: NodeJS.ProcessEnv): ClickhouseTarget | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`--clickhouse: not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.password) throw new Error('--clickhouse: put the password in ACCESS_GAP_CLICKHOUSE_PASSWORD, not in the URL (argv shows in ps)');
  const user = url.username ? decodeURIComponent(url.username) : env.ACCESS_GAP_CLICKHOUSE_USER;
  url.username = '';
  return { url: url.toString().replace(/\/$/, ''), ...(user ? { user } : {}), ...(env.ACCESS_GAP_CLICKHOUSE_PASSWORD ? { password: env.ACCESS_GAP_CLICKHOUSE_PASSWORD } : {}) };
}
