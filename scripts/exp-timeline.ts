import { CONTROL_URLS } from '../utils/probe/control';
import { startLab, syntheticBenchmark } from '../lab';
import { launchChromiumWithExtension } from './lib/chromium';
import { ensureExtensionBuilt } from './lib/build-extension';
import { extensionClient } from './lib/extension-client';
const n = Number(process.argv[2] ?? 40);
import referenceCatalog from '../utils/catalog/reference.json';
import { resolve } from 'node:path';
let { catalog, scenario }: any = syntheticBenchmark(n, (process.env.TREAT ?? 'ok') as 'ok' | 'silent');

const lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario });
const browser = await launchChromiumWithExtension({ extensionDir: process.env.EXT ?? ensureExtensionBuilt(), args: lab.chromiumArgs, extraExtensionDirs: lab.extensionDirs, executablePath: lab.executablePath });
try {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/policy-check.html`);
  const client = extensionClient(page);
  const { execSync } = await import('node:child_process');
  console.log('cpu before', execSync('/work/exp/cpu.sh').toString().trim());
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const at = () => ((performance.now() - t0) / 1000).toFixed(2);
  const { auditId } = await client.send('startAudit', { trigger: 'cli', catalog, options: { timeoutMs: Number(process.env.TMO ?? 8000), ...(process.env.CONC ? { concurrency: Number(process.env.CONC) } : {}) } });
  console.log(at(), 'started');
  const timer = setInterval(() => {}, 250);
  void cpu0;
  for (;;) {
    const asked = at();
    const s = await client.send('getAuditState', { auditId });
    if (!process.env.QUIETLOG) console.log(asked, '->', at(), s?.status, s?.progress.toFixed(1)); else if (s?.status !== 'running') console.log('done at', at(), 'last poll took', (Number(at()) - Number(asked)).toFixed(2));
    if (s?.status !== 'running') break;
    await new Promise((r) => setTimeout(r, Number(process.env.POLL ?? 100)));
  }
  clearInterval(timer);
  for (let i = 0; i < 3; i++) {
    const inPage = await page.evaluate(async (auditId) => {
      const runtime = (globalThis as any).chrome.runtime;
      const a = performance.now();
      const r = await runtime.sendMessage({ id: 1, type: 'getAuditState', data: { auditId }, timestamp: Date.now() });
      const b = performance.now();
      await runtime.sendMessage({ id: 2, type: 'getReport', data: { auditId }, timestamp: Date.now() });
      return [b - a, performance.now() - b, JSON.stringify(r).length];
    }, auditId);
    console.log('in-page poll ms', inPage[0].toFixed(0), 'report ms', inPage[1].toFixed(0), 'bytes', inPage[2]);
  }
  for (let i = 0; i < 3; i++) { const a = performance.now(); const st = await client.send('getAuditState', { auditId }); const b = performance.now(); await client.send('getReport', { auditId }); console.log('idle poll ms', (b - a).toFixed(0), 'report ms', (performance.now() - b).toFixed(0), 'state bytes', JSON.stringify(st).length); }
  console.log('cpu after', execSync('/work/exp/cpu.sh').toString().trim());
  const report = await client.send('getReport', { auditId });
  const ms = report!.services.map((s) => s.channels.find((c) => c.channel === 'page')?.evidence.timings).filter((t) => t).map((t) => Math.round(t!.totalMs - (t!.queuedMs ?? 0))).sort((a, b) => a - b);
  console.log('page probe ms', ms.join(' '));



  const marks: [string, number][] = await browser.serviceWorker.evaluate(() => (globalThis as any).__t);
  const b = marks.find((m) => m[0] === 'run')![1];
  const evs = marks.filter((m) => m[0] === 'ev').length;
  console.log('ev at', marks.filter((m) => m[0] === 'ev').map(([, t]) => ((t - b) / 1000).toFixed(2)).join(' '));
  console.log(marks.filter((m) => m[0] !== 'ev').map(([n, t]) => `${n} ${((t - b) / 1000).toFixed(2)}`).join(' | '), '| frame errors', evs);
  const vs = report!.services.map((s: any) => s.verdict); console.log('verdicts', JSON.stringify(Object.fromEntries([...new Set(vs)].map((v) => [v, vs.filter((x) => x === v).length]))));
} finally { await browser.close(); await lab.stop(); }
