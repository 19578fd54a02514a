/**
 * `npm run fingerprints` — compiles OONI's blocking fingerprints (vendored in
 * data/ooni-blocking-fingerprints/) into utils/verdict/field-fingerprints.json.
 *
 *   npm run fingerprints               write the data file
 *   npm run fingerprints -- --check    exit 1 if the committed data file is not what the CSVs give
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { compileFingerprints } from './fingerprints/compile';
import { ROOT } from './lib/build-extension';

export const INPUT_DIR = join(ROOT, 'data/ooni-blocking-fingerprints');
export const OUTPUT_FILE = join(ROOT, 'utils/verdict/field-fingerprints.json');

/** The data file's text as the vendored inputs give it (stable: 1 entry per line). */
export function compiledText(dir = INPUT_DIR): string {
  const data = compileFingerprints({
    httpCsv: readFileSync(join(dir, 'fingerprints_http.csv'), 'utf8'),
    dnsCsv: readFileSync(join(dir, 'fingerprints_dns.csv'), 'utf8'),
    source: JSON.parse(readFileSync(join(dir, 'source.json'), 'utf8')),
  });
  const list = (items: unknown[]) => `[\n${items.map((i) => `    ${JSON.stringify(i)}`).join(',\n')}\n  ]`;
  return `{
  "source": ${JSON.stringify(data.source, null, 2).replaceAll('\n', '\n  ')},
  "counts": ${JSON.stringify(data.counts)},
  "blockPages": ${list(data.blockPages)},
  "guard": ${list(data.guard)},
  "dnsAnswers": ${list(data.dnsAnswers)},
  "excluded": ${list(data.excluded)}
}
`;
}

function main() {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const text = compiledText();
  if (values.check) {
    const committed = readFileSync(OUTPUT_FILE, 'utf8');
    if (committed !== text) {
      console.error(`${OUTPUT_FILE} is out of date: run npm run fingerprints`);
      process.exitCode = 1;
    } else console.log('field-fingerprints.json is up to date');
    return;
  }
  writeFileSync(OUTPUT_FILE, text);
  const { counts } = JSON.parse(text) as { counts: Record<string, number> };
  console.log(`wrote ${OUTPUT_FILE}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
