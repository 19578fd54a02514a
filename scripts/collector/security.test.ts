import { connect } from 'node:net';
import crypto from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateReports } from '../../utils/fleet/generate-reports';
import { matchSecret } from './access';
import { startCollector, type Collector, type CollectorOptions } from './server';

// Every point of the collector's security model (docs/collector-security.md), each
// one a behaviour the NDJSON receiver before it did not have.
const UPLOAD = 'Bearer upload-secret';
const READ = 'Bearer read-secret';
const PARIS = 'Bearer paris-only';
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

let dir: string;
let collector: Collector | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'collector-security-'));
});
afterEach(async () => {
  await collector?.close();
  collector = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const start = async (extra: Partial<CollectorOptions> = {}) =>
  (collector = await startCollector({ dir, credentials: { upload: [UPLOAD], read: [READ], uploadBySite: { 'Paris HQ': PARIS } }, origins: [EXTENSION], ...extra }));

/** One HTTP exchange with full control of the headers (fetch forbids setting Host). */
function exchange(c: Collector, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: c.port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Raw bytes on a socket: the response and whether the server closed the connection within `waitMs`. */
function rawExchange(c: Collector, text: string, waitMs = 1500) {
  return new Promise<{ response: string; closed: boolean }>((resolve) => {
    const socket = connect(c.port, '127.0.0.1');
    let response = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ response, closed: false });
    }, waitMs);
    socket.on('data', (d) => (response += d.toString()));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ response, closed: true });
    });
    socket.on('error', () => {});
    socket.write(text);
  });
}

const report = (over: object = {}) => JSON.stringify({ ...generateReports(1, 4)[0], ...over });
const post = (c: Collector, body: string, auth?: string, extra: Record<string, string> = {}) =>
  fetch(`${c.url}/reports`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}), ...extra } });
const aggregate = (c: Collector, auth?: string) => fetch(`${c.url}/api/aggregate?population=WORLD`, { headers: auth ? { authorization: auth } : {} });

describe('collector security', { timeout: 30_000 }, () => {
  it('refuses to listen beyond loopback without upload and read credentials', async () => {
    await expect(startCollector({ dir, host: '0.0.0.0' })).rejects.toThrow(/refusing to listen on 0.0.0.0 without upload .* and read .* credentials/);
    await expect(startCollector({ dir, host: '0.0.0.0', credentials: { upload: [UPLOAD] } })).rejects.toThrow(/without read/);
    collector = await startCollector({ dir, host: '0.0.0.0', credentials: { upload: [UPLOAD], read: [READ] } });
    expect(collector.port).toBeGreaterThan(0);
  });

  it('keeps upload and read apart: the upload credential never reads, the read one never uploads', async () => {
    const c = await start();
    expect((await post(c, report())).status).toBe(401);
    expect((await post(c, report(), READ)).status).toBe(401);
    expect((await post(c, report(), UPLOAD)).status).toBe(201);
    expect((await aggregate(c)).status).toBe(401);
    expect((await aggregate(c, UPLOAD)).status).toBe(401);
    expect((await aggregate(c, READ)).status).toBe(200);
  });

  it('limits a per-site upload credential to its site', async () => {
    const c = await start();
    expect((await post(c, report({ site: 'Lyon' }), PARIS)).status).toBe(403);
    expect((await post(c, report({ site: 'Paris HQ' }), PARIS)).status).toBe(201);
  });

  it('gives CORS only to configured extension origins, and refuses web pages', async () => {
    const c = await start();
    const pre = (origin: string) =>
      fetch(`${c.url}/api/aggregate`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    const ok = await pre(EXTENSION);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    const evil = await pre('https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect((await pre('chrome-extension://otherextensionidotherextension')).headers.get('access-control-allow-origin')).toBeNull();
    // A web page's simple request (no preflight) is refused too, and so is a text/plain upload.
    expect((await post(c, report(), UPLOAD, { origin: 'https://evil.example' })).status).toBe(403);
    const plain = await fetch(`${c.url}/reports`, { method: 'POST', body: report(), headers: { 'content-type': 'text/plain', authorization: UPLOAD } });
    expect(plain.status).toBe(415);
    expect(await c.store.count()).toBe(0);
  });

  it('checks the Host header, so a DNS-rebound name cannot reach a loopback collector', async () => {
    const c = await start({ hostnames: ['fleet.corp.example'] });
    const get = (host: string) => exchange(c, 'GET', '/api/aggregate', { host, authorization: READ });
    expect((await get(`rebind.evil.example:${c.port}`)).status).toBe(421);
    expect((await get(`localhost:${c.port}`)).status).toBe(200);
    expect((await get(`127.0.0.1:${c.port}`)).status).toBe(200);
    expect((await get('fleet.corp.example')).status).toBe(200);
  });

  it('compares credentials in constant time: hashed, every secret compared, no early exit', async () => {
    const c = await start();
    const spy = vi.spyOn(crypto, 'timingSafeEqual');
    // A wrong upload credential is compared with the upload secret, then the per-site one: no early exit.
    expect((await post(c, report(), 'Bearer upload-secreT')).status).toBe(401);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy.mock.calls.every(([x, y]) => (x as Buffer).length === 32 && (y as Buffer).length === 32)).toBe(true);
    spy.mockClear();
    expect(matchSecret('Bearer a', ['Bearer a', 'Bearer b', 'Bearer c'])).toBe(0);
    expect(spy).toHaveBeenCalledTimes(3);
    expect(matchSecret('Bearer a-longer-guess', ['Bearer a'])).toBe(-1);
    expect(matchSecret(undefined, [''])).toBe(-1);
    spy.mockRestore();
  });

  it('tells /health callers no counts without the read credential', async () => {
    const c = await start();
    await post(c, report(), UPLOAD);
    expect(await (await fetch(`${c.url}/health`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${c.url}/health`, { headers: { authorization: UPLOAD } })).json()).toEqual({ ok: true });
    expect(await (await fetch(`${c.url}/health`, { headers: { authorization: READ } })).json()).toEqual({ ok: true, reports: 1 });
  });

  it('stores only fields of the report schema: an unknown field never reaches the disk', async () => {
    const c = await start();
    const marker = 'employee.name@corp.example';
    const base = generateReports(1, 4)[0]!;
    const body = JSON.stringify({ ...base, employeeEmail: marker, services: base.services.map((s) => ({ ...s, visitedUrl: marker })) });
    expect((await post(c, body, UPLOAD)).status).toBe(201);
    await c.close();
    collector = undefined;
    const onDisk = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('');
    expect(onDisk).toContain(base.id); // the report is there…
    expect(onDisk).not.toContain(marker); // …its unknown fields are not
  });

  it('closes the socket after 401 and 413', async () => {
    const c = await start({ maxBytes: 10_000 });
    const unauthorised = await rawExchange(c, `POST /reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\n{}{}{`);
    expect(unauthorised.response).toMatch(/^HTTP\/1.1 401/);
    expect(unauthorised.closed).toBe(true);
    const tooBig = await rawExchange(c, `POST /reports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${UPLOAD}\r\nContent-Type: application/json\r\nContent-Length: 20000\r\nConnection: keep-alive\r\n\r\n{"a":`);
    expect(tooBig.response).toMatch(/^HTTP\/1.1 413/);
    expect(tooBig.closed).toBe(true);
  });

  it('drops clients that send headers or a body too slowly', async () => {
    const c = await start({ timeouts: { headersMs: 400, requestMs: 800, checkEveryMs: 100 } });
    const slowHeaders = await rawExchange(c, `POST /reports HTTP/1.1\r\nHost: 127.0.0.1\r\n`, 3000);
    expect(slowHeaders.closed).toBe(true);
    const slowBody = await rawExchange(c, `POST /reports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${UPLOAD}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`, 3000);
    expect(slowBody.closed).toBe(true);
    expect(slowBody.response).toMatch(/^$|^HTTP\/1.1 408/);
  });

  it('rate-limits each install, and says when to retry', async () => {
    const c = await start({ rateLimit: { burst: 3, perMinute: 1 } });
    const reports = generateReports(5, 8).map((r) => ({ ...r, installId: 'install-a' }));
    const statuses = [];
    for (const r of reports) statuses.push((await post(c, JSON.stringify(r), UPLOAD)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const limited = await post(c, JSON.stringify(reports[4]), UPLOAD);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another install is not held back by the first.
    expect((await post(c, JSON.stringify({ ...reports[4], installId: 'install-b' }), UPLOAD)).status).toBe(201);
  });

  it('accepts a valid report with a byte order mark', async () => {
    const c = await start();
    const res = await post(c, '\uFEFF' + report(), UPLOAD);
    expect(res.status).toBe(201);
    expect(await c.store.count()).toBe(1);
  });
});
