import { afterEach, describe, expect, it, vi } from 'vitest';
import { probeFetch } from './fetch-probe';

afterEach(() => vi.useRealTimers());

/** A fetch answering 200 after `ms`, or rejecting as the browser does when our signal aborts it. */
const answersAfter = (ms: number, seen: string[] = []): typeof fetch => (input, init) => {
  seen.push(String(input));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(new Response('<title>ok</title>', { status: 200, headers: { 'content-type': 'text/html' } })), ms);
    init?.signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new TypeError('Failed to fetch'));
    });
  });
};
const base = { serviceId: 's', channel: 'page' as const, url: 'https://a.test/', clock: () => Date.now(), now: () => Date.now() };

describe('probeFetch timer', () => {
  it('runs from the moment the browser started the request, not from our call', async () => {
    vi.useFakeTimers({ now: 0 });
    // The browser held the request 1.5 s before sending it (a busy UI thread); the network
    // then answered in 1.5 s. A 2 s timeout must not call that silence.
    const started = new Promise<number>((r) => setTimeout(() => r(1500), 1500));
    const seen: string[] = [];
    const done = probeFetch({ ...base, requestUrl: 'https://a.test/#access-gap-probe-1', timeoutMs: 2000, started, fetchImpl: answersAfter(3000, seen) });
    await vi.advanceTimersByTimeAsync(5000);
    const o = await done;
    expect(o.timedOut).toBeUndefined();
    expect(o.status).toBe(200);
    expect(o.timings).toMatchObject({ queuedMs: 1500, totalMs: 3000 });
    expect(seen).toEqual(['https://a.test/#access-gap-probe-1']);
    expect(o.url).toBe('https://a.test/');
  });

  it('ends a started request at its own deadline', async () => {
    vi.useFakeTimers({ now: 0 });
    const started = new Promise<number>((r) => setTimeout(() => r(500), 500));
    const done = probeFetch({ ...base, timeoutMs: 2000, started, fetchImpl: answersAfter(60_000) });
    await vi.advanceTimersByTimeAsync(2600);
    const o = await done;
    expect(o).toMatchObject({ timedOut: true, timings: { totalMs: 2500, queuedMs: 500 } });
    expect(o.notSent).toBeUndefined();
  });

  it('marks a request the browser never sent within the timeout as not sent', async () => {
    vi.useFakeTimers({ now: 0 });
    const done = probeFetch({ ...base, timeoutMs: 2000, started: new Promise<number>(() => {}), fetchImpl: answersAfter(60_000) });
    await vi.advanceTimersByTimeAsync(2100);
    expect(await done).toMatchObject({ timedOut: true, notSent: true, timings: { totalMs: 2000 } });
  });

  it('waits for a start event that trails the timeout, then times from the start it reports', async () => {
    vi.useFakeTimers({ now: 0 });
    // The browser started the request at 1.5 s, but its event reached us only at 2.3 s, after
    // the call-based 2 s had passed: the request still gets its 2 s from 1.5 s, and answers.
    const started = new Promise<number>((r) => setTimeout(() => r(1500), 2300));
    const done = probeFetch({ ...base, timeoutMs: 2000, startGraceMs: 1000, started, fetchImpl: answersAfter(3200) });
    await vi.advanceTimersByTimeAsync(4000);
    const o = await done;
    expect(o).toMatchObject({ status: 200, timings: { queuedMs: 1500, totalMs: 3200 } });
    expect(o.notSent).toBeUndefined();
  });

  it('ends at once a request whose trailing start event shows its deadline has passed', async () => {
    vi.useFakeTimers({ now: 0 });
    const started = new Promise<number>((r) => setTimeout(() => r(100), 2300));
    const done = probeFetch({ ...base, timeoutMs: 2000, startGraceMs: 1000, started, fetchImpl: answersAfter(60_000) });
    await vi.advanceTimersByTimeAsync(2400);
    const o = await done;
    expect(o).toMatchObject({ timedOut: true, timings: { queuedMs: 100, totalMs: 2300 } });
    expect(o.notSent).toBeUndefined();
  });

  it('calls a request not sent only when no start event came within the grace either', async () => {
    vi.useFakeTimers({ now: 0 });
    const done = probeFetch({ ...base, timeoutMs: 2000, startGraceMs: 1000, started: new Promise<number>(() => {}), fetchImpl: answersAfter(60_000) });
    await vi.advanceTimersByTimeAsync(3100);
    expect(await done).toMatchObject({ timedOut: true, notSent: true, timings: { totalMs: 3000 } });
  });

  it('without a start signal, times from the call', async () => {
    vi.useFakeTimers({ now: 0 });
    const done = probeFetch({ ...base, timeoutMs: 2000, fetchImpl: answersAfter(60_000) });
    await vi.advanceTimersByTimeAsync(2100);
    const o = await done;
    expect(o).toMatchObject({ timedOut: true, timings: { totalMs: 2000 } });
    expect(o.notSent).toBeUndefined();
  });
});

describe('probeFetch first answer', () => {
  it('reports the headers and a network error as the first answer, never our own timeout', async () => {
    vi.useFakeTimers({ now: 0 });
    const at: number[] = [];
    const answered = probeFetch({ ...base, timeoutMs: 2000, fetchImpl: answersAfter(300), onFirstAnswer: () => at.push(Date.now()) });
    const refused = probeFetch({ ...base, timeoutMs: 2000, fetchImpl: () => Promise.reject(new TypeError('Failed to fetch')), onFirstAnswer: () => at.push(-1) });
    const silent = probeFetch({ ...base, timeoutMs: 2000, fetchImpl: answersAfter(60_000), onFirstAnswer: () => at.push(-2) });
    await vi.advanceTimersByTimeAsync(2100);
    await Promise.all([answered, refused, silent]);
    expect(at.sort((a, b) => a - b)).toEqual([-1, 300]);
  });
});
