// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import type { AuditState } from '../utils/audit/state';
import type { PageApi } from '../utils/ui/page-api';
import { renderComponent } from '../tests/unit/render-component';
import { POLL_MS, REPORT_EVERY_MS, useAudit } from './use-audit';

/** A background whose running audit gains one verdict per poll, and ends after `polls`. */
function fakeApi(total: number, polls: number) {
  let asked = 0;
  const stateRequests: unknown[] = [];
  const reports: number[] = [];
  const api = {
    getAuditState: async (req: unknown) => {
      stateRequests.push(req);
      asked++;
      const status = asked >= polls ? 'complete' : 'running';
      return { id: 'a', status, total, done: Math.min(asked, total), progress: asked, verdicts: [], counts: {} } as unknown as AuditState;
    },
    getReport: async () => {
      reports.push(asked);
      return null;
    },
  } as unknown as PageApi;
  return { api, stateRequests, reports };
}

function Follow({ api }: { api: PageApi }) {
  useAudit(api, null);
  return null;
}

let unmount = () => {};
afterEach(() => {
  unmount();
  vi.useRealTimers();
});

async function follow(total: number, polls: number) {
  vi.useFakeTimers();
  const fake = fakeApi(total, polls);
  const r = await renderComponent(<Follow api={fake.api} />);
  unmount = r.unmount;
  for (let i = 0; i < polls + 2; i++) await act(async () => void (await vi.advanceTimersByTimeAsync(POLL_MS)));
  return fake;
}

describe('useAudit polling (issue 20: what following an audit costs the audited browser)', () => {
  it('asks for summaries, and reads the report of a small audit at every new verdict', async () => {
    const { stateRequests, reports } = await follow(40, 12);
    expect(stateRequests.every((r) => (r as { summary?: boolean }).summary === true)).toBe(true);
    expect(reports).toHaveLength(12);
  });

  it('reads the report of a large running audit at most every REPORT_EVERY_MS, and once more when it ends', async () => {
    const polls = 20; // 20 × 300 ms = 6 s of running audit
    const { reports } = await follow(300, polls);
    const whileRunning = reports.filter((at) => at < polls);
    expect(whileRunning.length).toBeLessThanOrEqual(Math.ceil((polls * POLL_MS) / REPORT_EVERY_MS) + 1);
    expect(whileRunning.length).toBeGreaterThanOrEqual(2);
    expect(reports.at(-1)).toBe(polls);
  });
});
