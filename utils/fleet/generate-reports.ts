import type { Report, ReportService } from '../report/types';
import type { Mechanism, Verdict } from '../verdict/types';

/** Test and bench fixture: services with usage figures, in 4 categories. */
const SERVICES: { id: string; category: string; share: number | null }[] = [
  { id: 'youtube', category: 'video', share: 0.9 }, { id: 'tiktok', category: 'video', share: 0.4 },
  { id: 'facebook', category: 'social', share: 0.7 }, { id: 'instagram', category: 'social', share: 0.6 },
  { id: 'whatsapp', category: 'messaging', share: 0.8 }, { id: 'telegram', category: 'messaging', share: 0.2 },
  { id: 'reddit', category: 'forums', share: 0.3 }, { id: 'smallforum', category: 'forums', share: null },
];
const SITES: readonly [string, ...string[]] = ['Paris HQ', 'Lyon', 'Lille', 'Remote'];
const MECHANISMS: Mechanism[] = ['dns', 'proxy', 'block-page', 'tls', 'policy'];

/** Deterministic PRNG (mulberry32): the same seed gives the same fleet. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` plausible scheduled reports from 4 sites over `days` days (30 by default),
 * for unit tests, the fleet e2e and the bench. Each site blocks some services more
 * than others, so the heatmap and top list have something to show.
 */
export function generateReports(count: number, seed = 1, start = Date.UTC(2026, 0, 1), width = 1, days = 30): Report[] {
  const random = seededRandom(seed);
  // `width` copies of the 8 services (`youtube-2`…): 6 gives a reference-catalog-sized report (48 services).
  const catalogServices = Array.from({ length: width }, (_, k) => SERVICES.map((s) => ({ ...s, id: k ? `${s.id}-${k + 1}` : s.id }))).flat();
  return Array.from({ length: count }, (_, i) => {
    const siteIndex = i % SITES.length;
    const startedAt = start + Math.floor(random() * days * 86_400_000);
    const services: ReportService[] = catalogServices.map((s, j) => {
      const r = random();
      const blockedOdds = ((siteIndex + j) % 4) * 0.25;
      const verdict: Verdict = r < blockedOdds ? 'blocked' : r < blockedOdds + 0.05 ? 'throttled' : r > 0.98 ? 'inconclusive' : 'reachable';
      const mechanism = verdict === 'blocked' ? MECHANISMS[(siteIndex + j) % MECHANISMS.length] : undefined;
      const usage = s.share === null ? [] : [{ population: 'WORLD' as const, share: s.share, metric: 'monthly users', source: 'fixture', year: 2025 }];
      return { id: s.id, name: s.id.charAt(0).toUpperCase() + s.id.slice(1), category: s.category, usage, verdict, ...(mechanism ? { mechanism } : {}), channels: [] };
    });
    return {
      schema: 'access-gap-report', schemaVersion: 1,
      id: `gen-${seed}-${String(i).padStart(6, '0')}`,
      status: 'complete', trigger: 'schedule',
      startedAt: new Date(startedAt).toISOString(), finishedAt: new Date(startedAt + 9000).toISOString(),
      tool: { name: 'Access Gap', version: '0.1.0' }, browser: { name: 'Chromium', version: '156' },
      catalog: { name: 'Reference', version: '2026.1', hash: 'fixture', services: catalogServices.length },
      site: SITES[siteIndex] ?? SITES[0], organisation: 'Example Corp', installId: `install-${i % 97}`,
      options: { timeoutMs: 8000, concurrency: 96 }, control: { ok: true, checks: [] },
      services, gap: [],
    };
  });
}
