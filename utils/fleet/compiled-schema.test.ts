import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../tests/fixtures/report';
import { compileSchema, REFUSED } from './compiled-schema';
import { generateReports, seededRandom } from './generate-reports';
import { FleetReportSchema } from './report-schema';

const compiled = compileSchema(FleetReportSchema);

/** Where valibot and the compiled check differ on `value` (refusal or output), or undefined when they agree. */
function difference(value: unknown): string | undefined {
  const reference = v.safeParse(FleetReportSchema, value, { abortEarly: true });
  const fast = compiled(value);
  if (!reference.success) return fast === REFUSED ? undefined : `valibot refuses it (${reference.issues[0].message}), the compiled check accepts it`;
  if (fast === REFUSED) return 'valibot accepts it, the compiled check refuses it';
  // Same keys in the same order, same values (JSON drops undefined: compare both ways).
  if (JSON.stringify(fast) !== JSON.stringify(reference.output)) return `outputs differ: ${JSON.stringify(fast)}`;
  try {
    expect(fast).toStrictEqual(reference.output);
  } catch {
    return 'outputs differ in an undefined value';
  }
  return undefined;
}

const expectSame = (value: unknown, what: string) => expect(difference(value), what).toBeUndefined();

/** Every path to a value inside `root` (objects and arrays), the root excluded. */
function paths(root: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof root !== 'object' || root === null) return [];
  return Object.keys(root).flatMap((key) => {
    const path = [...prefix, Array.isArray(root) ? Number(key) : key];
    return [path, ...paths((root as Record<string, unknown>)[key], path)];
  });
}

/** Values that probe each check of the schema: types, lengths, hidden and HTML characters, bounds, formulas. */
const REPLACEMENTS: unknown[] = [
  undefined, null, 0, -1, 1, 2, 0.5, 1.5, 1989, 2025, 2101, Number.NaN, true, false, '', ' ', 'x', '  padded  ', 'a'.repeat(51), 'a'.repeat(101), 'a'.repeat(201),
  'a'.repeat(301), '<b>', 'a\u202Eb', 'a\nb', '=SUM(A1)', '@x', 'UPPER', 'video', 'blocked', 'maybe', 'dns', 'WORLD', 'FR', 'Mars', 'https://example.com/',
  'http://example.com/', '2026-01-01T10:00:00.000Z', '2026-01-01', 'complete', 'schedule', 'access-gap-report', 'a b', 'ok-id_1.2:3', [], [1], {}, { extra: 1 },
];

function mutate(report: unknown, random: () => number): unknown {
  const copy = structuredClone(report) as Record<string, unknown>;
  const all = paths(copy);
  const changes = 1 + Math.floor(random() * 2);
  for (let c = 0; c < changes; c++) {
    const path = all[Math.floor(random() * all.length)]!;
    // A first change may have removed or replaced what a second one's path goes through.
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) parent = typeof parent === 'object' && parent !== null ? (parent as Record<string | number, unknown>)[key] : undefined;
    if (typeof parent !== 'object' || parent === null) continue;
    const key = path.at(-1)!;
    const roll = random();
    const target = parent as Record<string | number, unknown>;
    if (roll < 0.15) delete target[key];
    else if (roll < 0.25) target[`unknown${c}`] = 'extra';
    else target[key] = structuredClone(REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)]);
  }
  return copy;
}

describe('compiled fleet report schema', () => {
  it('accepts and outputs what valibot does for valid reports, unknown fields dropped', () => {
    for (const report of [...generateReports(20, 3, undefined, 2), sampleReport()]) expectSame(report, report.id);
    expectSame({ ...generateReports(1)[0], extra: { deep: true } }, 'unknown top-level field');
  });

  it('agrees with valibot on 3,000 altered reports (removed, added and replaced fields anywhere)', { timeout: 60_000 }, () => {
    const random = seededRandom(7);
    const bases = [...generateReports(5, 9, undefined, 1), sampleReport()];
    const differences: string[] = [];
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const altered = mutate(bases[i % bases.length], random);
      const different = difference(altered);
      if (different) differences.push(`${different} — ${JSON.stringify(altered).slice(0, 400)}`);
      if (compiled(altered) === REFUSED) refused++;
    }
    expect(differences).toEqual([]);
    // Both outcomes are exercised, not only one.
    expect(refused).toBeGreaterThan(750);
    expect(refused).toBeLessThan(2900);
  });

  it('refuses what is not an object, as valibot does', () => {
    for (const value of [null, undefined, 'report', 42, [], [generateReports(1)[0]]]) expectSame(value, JSON.stringify(value) ?? 'undefined');
  });
});
