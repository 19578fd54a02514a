import { describe, expect, it } from 'vitest';
import { readTextCapped } from './read-capped';

/** A body streamed in `chunks` pieces of `size` bytes, counting how many were pulled. */
function streamed(chunks: number, size: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled++ >= chunks) return controller.close();
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  return { response: new Response(body, { headers }), pulled: () => pulled };
}

describe('readTextCapped', () => {
  it('reads a body within the cap, multi-byte characters across chunks included', async () => {
    expect(await readTextCapped(new Response('Télé 📺'), 100)).toBe('Télé 📺');
    const { response } = streamed(3, 10);
    expect(await readTextCapped(response, 30)).toBe('a'.repeat(30));
  });

  it('stops reading at the first chunk past the cap', async () => {
    const { response, pulled } = streamed(1000, 1024);
    await expect(readTextCapped(response, 4096)).rejects.toThrow('the answer is larger than the 4 kB limit');
    expect(pulled()).toBeLessThan(10);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const { response, pulled } = streamed(1000, 1024, { 'content-length': String(6 * 1024 * 1024) });
    await expect(readTextCapped(response, 5 * 1024 * 1024)).rejects.toThrow('larger than the 5 MB limit');
    expect(pulled()).toBeLessThanOrEqual(1);
  });
});
