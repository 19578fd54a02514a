import type { Page } from 'playwright-core';

/** Elements of the current slide whose content does not fit: text cut or spilling out of its box. */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const slide = document.querySelector('.slide.current');
    if (!slide) return ['no current slide'];
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    return [slide, ...slide.querySelectorAll('*')]
      // .visually-hidden text is clipped to 1px on purpose (screen readers only).
      .filter((el) => el instanceof HTMLElement && el.clientWidth > 0 && el.clientHeight > 0 && !el.closest('.visually-hidden'))
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      .map((el) => `${name(el)} ${el.scrollWidth}x${el.scrollHeight} > ${el.clientWidth}x${el.clientHeight}`);
  });
}

/**
 * How many distinct colours a PNG has (sampled on a grid), decoded by the page's own
 * canvas so the test needs no image library: a blank or uniform render gives 1.
 */
export async function distinctColours(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, image.width, image.height);
    const seen = new Set<number>();
    for (let y = 0; y < image.height; y += 7) {
      for (let x = 0; x < image.width; x += 7) {
        const i = (y * image.width + x) * 4;
        seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      }
    }
    return seen.size;
  }, png.toString('base64'));
}

/** The id of the slide on screen. */
export const currentSlide = (page: Page) => page.getAttribute('[data-testid="deck"]', 'data-current');

/** Press a key and return the slide then on screen, once the deck has re-rendered (or did not move: first/last slide). */
export async function press(page: Page, key: string): Promise<string | null> {
  const before = await page.getAttribute('[data-testid="deck"]', 'data-index');
  await page.keyboard.press(key);
  await page
    .waitForFunction((b) => document.querySelector('[data-testid="deck"]')?.getAttribute('data-index') !== b, before, { timeout: 500 })
    .catch(() => {});
  return currentSlide(page);
}

/** Store a deck directly (as the setup panel would) and reload, to start a run from a known deck. */
export async function setDeck(page: Page, deck: Record<string, unknown>) {
  await page.evaluate(async (value) => {
    const storage = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local;
    await storage.set({ presentDeck: value });
  }, deck);
  await page.reload();
  await page.waitForSelector('[data-testid="deck"]');
}
