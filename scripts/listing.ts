import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureLabDeps } from './ensure-lab-deps';
import { DEFAULT_CHROMIUM, FIXED_FLAGS } from './lib/chromium';
import { ROOT } from './lib/build-extension';

/**
 * The store listing's images, made from the project's own sources so they never drift:
 * - icons at every size the stores ask for (Chrome Web Store 128, Edge Add-ons 300 logo, AMO 64/128,
 *   and the package's 16/32/48), rendered by Chromium from `assets/icon.svg`;
 * - promotional tiles (Chrome and Edge small tile 440×280, marquee 1400×560), EN and FR;
 * - screenshots at 1280×800 of the popup, the dashboard with evidence and the presentation, taken by
 *   the end-to-end accessibility test from a lab audit (`tests/e2e/a11y.test.ts`).
 * Everything lands in `store/` (icons and tiles committed, screenshots regenerated each run).
 */
const ICON_SIZES = [16, 32, 48, 64, 96, 128, 300];
const TILES = [
  { name: 'promo-small', width: 440, height: 280 },
  { name: 'promo-marquee', width: 1400, height: 560 },
];
const TAGLINE: Record<'en' | 'fr', string> = {
  en: JSON.parse(readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8')).appTagline.message,
  fr: JSON.parse(readFileSync(join(ROOT, 'public/_locales/fr/messages.json'), 'utf8')).appTagline.message,
};

async function renderImages(): Promise<string[]> {
  const svg = readFileSync(join(ROOT, 'assets/icon.svg'), 'utf8');
  const icon = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  const browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: FIXED_FLAGS });
  const written: string[] = [];
  try {
    const page = await browser.newPage();
    const shoot = async (file: string, width: number, height: number, html: string) => {
      await page.setViewportSize({ width, height });
      await page.setContent(`<body style="margin:0">${html}</body>`);
      await page.locator('img').first().evaluate((img: HTMLImageElement) => img.decode());
      mkdirSync(join(ROOT, 'store', file, '..'), { recursive: true });
      writeFileSync(join(ROOT, 'store', file), await page.screenshot({ omitBackground: true }));
      written.push(`store/${file}`);
    };
    for (const size of ICON_SIZES) await shoot(`icons/icon-${size}.png`, size, size, `<img src="${icon}" width="${size}" height="${size}" style="display:block">`);
    for (const tile of TILES) {
      for (const lang of ['en', 'fr'] as const) {
        const iconSize = Math.round(tile.height * 0.45);
        await shoot(`tiles/${tile.name}-${lang}.png`, tile.width, tile.height, `
          <div lang="${lang}" style="width:${tile.width}px;height:${tile.height}px;box-sizing:border-box;padding:0 ${tile.height * 0.12}px;display:flex;align-items:center;gap:${tile.height * 0.08}px;
            background:#1d3557;color:#f1faee;font-family:sans-serif">
            <img src="${icon}" width="${iconSize}" height="${iconSize}">
            <div><div style="font-size:${tile.height * 0.16}px;font-weight:700">Access Gap</div>
            <div style="font-size:${tile.height * 0.075}px;margin-top:0.4em;color:#a8dadc">${TAGLINE[lang]}</div></div>
          </div>`);
      }
    }
  } finally {
    await browser.close();
  }
  return written;
}

async function main() {
  await ensureLabDeps(console.error, { forTests: true });
  for (const file of await renderImages()) console.log(file);
  console.error('Taking the 1280×800 screenshots from a lab audit (tests/e2e/a11y.test.ts)…');
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('wxt build failed');
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'e2e', 'tests/e2e/a11y.test.ts'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error('the screenshot run failed (npx vitest run --project e2e tests/e2e/a11y.test.ts says why)');
  console.log('store/screenshots/*.png (1280×800)');
}

main().catch((error: unknown) => {
  console.error(`listing failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
