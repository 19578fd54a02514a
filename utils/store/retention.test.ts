import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openAccessGapDb } from './db';
import { auditStore } from './audits';
import { applyRetention, auditsToDelete } from './retention';
import { auditRecord, freshDbName, verdict } from '../../tests/fixtures/store';

const DAY = 86_400_000;
const NOW = 100 * DAY;
const audits = [
  auditRecord('a1', NOW - 40 * DAY),
  auditRecord('a2', NOW - 20 * DAY),
  auditRecord('a3', NOW - 2 * DAY),
  auditRecord('a4', NOW - 1 * DAY, 'failed'),
  auditRecord('run', NOW - 60 * DAY, 'running'),
];

describe('auditsToDelete', () => {
  it.each([
    { policy: { maxAudits: 0, maxDays: 0 }, deleted: [] },
    { policy: { maxAudits: 2, maxDays: 0 }, deleted: ['a2', 'a1'] },
    { policy: { maxAudits: 0, maxDays: 30 }, deleted: ['a1'] },
    { policy: { maxAudits: 3, maxDays: 10 }, deleted: ['a2', 'a1'] },
    { policy: { maxAudits: 1, maxDays: 1 }, deleted: ['a3', 'a2', 'a1'] },
  ])('keeps what $policy allows, never the running audit', ({ policy, deleted }) => {
    expect(auditsToDelete(audits, policy, NOW)).toEqual(deleted);
  });
});

describe('applyRetention', () => {
  it('deletes audits with their verdicts, observations and notes, and nothing else', async () => {
    const db = await openAccessGapDb(freshDbName());
    const store = auditStore(db);
    for (const a of audits) {
      await store.putAudit(a);
      await store.putVerdict(a.id, verdict('tube'));
      await store.putVerdict(a.id, verdict('chat'));
      await store.putNote({ auditId: a.id, networkLabel: 'lab' });
    }
    expect(await applyRetention(db, { maxAudits: 2, maxDays: 0 }, NOW)).toEqual(['a2', 'a1']);
    expect((await store.allAudits()).map((a) => a.id)).toEqual(['a4', 'a3', 'run']);
    expect(await store.verdicts('a1')).toEqual([]);
    expect(await store.getNote('a2')).toBeUndefined();
    expect(await store.verdicts('a3')).toHaveLength(2);
    expect(await store.getNote('run')).toBeDefined();
    db.close();
  });
});
