import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { guarded } from './handle';

const ownPage = () => ({ id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') });

describe('guarded: what every message handler goes through', () => {
  it('answers the extension’s own pages', async () => {
    await expect(guarded(async (n: number) => n + 1)({ data: 1, sender: ownPage() })).resolves.toBe(2);
  });

  it('refuses a web page, another extension or a missing sender, before the handler runs', async () => {
    let ran = 0;
    const handler = guarded(async () => ++ran);
    for (const sender of [
      { id: browser.runtime.id, url: 'https://example.com/' },
      { id: 'other-extension', url: browser.runtime.getURL('/popup.html') },
      undefined,
    ]) {
      await expect(handler({ data: undefined, sender })).rejects.toThrow(/only from its own pages/);
    }
    expect(ran).toBe(0);
  });

  it('turns an IndexedDB failure into a storage error the page can explain', async () => {
    const full = guarded(async () => {
      throw new DOMException('disk full', 'QuotaExceededError');
    });
    await expect(full({ data: undefined, sender: ownPage() })).rejects.toThrow(/^storage:quota: disk full/);
  });

  it('passes any other error through unchanged', async () => {
    const refused = guarded(async () => {
      throw new Error('the schedule is set by your IT department');
    });
    await expect(refused({ data: undefined, sender: ownPage() })).rejects.toThrow(/^the schedule is set by your IT department$/);
  });
});
