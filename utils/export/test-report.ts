import type { Report } from '../report/types';

/** A small report for export and UI tests: one reachable, one proxy-blocked, one hostile name. */
export function sampleReport(): Report {
  const evidence = (url: string, extra: object = {}) => ({ url, timings: { totalMs: 12 }, detail: 'test', ...extra });
  return {
    schema: 'access-gap-report',
    schemaVersion: 1,
    id: 'audit-1',
    status: 'complete',
    trigger: 'user',
    startedAt: '2026-11-12T14:03:55.000Z',
    finishedAt: '2026-11-12T14:04:05.000Z',
    tool: { name: 'Access Gap', version: '0.1.0' },
    browser: { name: 'Chromium', version: '156' },
    catalog: { name: 'Test', version: '1', hash: 'h', services: 3 },
    options: { timeoutMs: 8000, concurrency: 96 },
    control: { ok: true, checks: [] },
    services: [
      {
        id: 'tube', name: 'Tube', category: 'video', verdict: 'reachable',
        usage: [{ population: 'FR', share: 0.8, metric: 'm', source: 's', year: 2024 }],
        channels: [{ channel: 'page', verdict: 'reachable', reason: 'ok', evidence: evidence('https://tube.example.com/', { status: 200 }) }],
      },
      {
        id: 'chat', name: 'Chat, "the" app', category: 'messaging', verdict: 'blocked', mechanism: 'proxy',
        usage: [{ population: 'FR', share: 0.5, metric: 'm', source: 's', year: 2024 }],
        channels: [{
          channel: 'page', verdict: 'blocked', mechanism: 'proxy', reason: 'proxy-tunnel-refused',
          evidence: evidence('https://chat.example.com/', { netError: 'net::ERR_TUNNEL_CONNECTION_FAILED' }),
        }],
      },
      {
        id: 'evil', name: "=cmd|' /C calc'!A0", category: 'social', verdict: 'reachable', usage: [],
        channels: [{ channel: 'page', verdict: 'reachable', reason: 'ok', evidence: evidence('https://evil.example.com/', { status: 200 }) }],
      },
    ],
    gap: [],
  };
}
