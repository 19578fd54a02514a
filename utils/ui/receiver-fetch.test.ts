import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../fleet/ingest';
import { fetchReceiverText } from './receiver-fetch';

/** A fetch answering an endless body (1 kB chunks), counting the chunks read and keeping the request. */
function endless(headers: Record<string, string> = {}) {
  const seen: { url: string; init: RequestInit }[] = [];
  let pulled = 0;
  const fetchFn = (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    const body = new ReadableStream<Uint8Array>({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(1024).fill(0x7b))) });
    return new Response(body, { headers });
  }) as unknown as typeof fetch;
  return { fetchFn, seen, pulled: () => pulled };
}

describe("the fleet page's receiver fetch (issue 13: size cap)", () => {
  it('stops reading an endless answer at the cap', async () => {
    const { fetchFn, pulled } = endless();
    await expect(fetchReceiverText('https://collector.corp/api/aggregate', undefined, fetchFn, 16 * 1024)).rejects.toThrow('larger than the 16 kB limit');
    expect(pulled()).toBeLessThan(40);
  });

  it('refuses an answer declared larger than the biggest NDJSON file the page opens, before reading it', async () => {
    const { fetchFn, pulled } = endless({ 'content-length': String(MAX_FILE_BYTES + 1) });
    await expect(fetchReceiverText('https://collector.corp/reports.ndjson', undefined, fetchFn)).rejects.toThrow('larger than the 512 MB limit');
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("sends IT's header, never cookies, and names a refusal", async () => {
    const { fetchFn, seen } = endless();
    await fetchReceiverText('https://collector.corp/api/aggregate', 'Bearer read', fetchFn, 4096).catch(() => {});
    expect(seen[0]!.init).toMatchObject({ credentials: 'omit', cache: 'no-store', headers: { authorization: 'Bearer read' } });
    const refusing = (async () => new Response(null, { status: 401 })) as unknown as typeof fetch;
    await expect(fetchReceiverText('https://collector.corp/api/aggregate', undefined, refusing)).rejects.toThrow('https://collector.corp/api/aggregate answered HTTP 401');
  });
});
