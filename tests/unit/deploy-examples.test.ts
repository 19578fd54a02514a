import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManagedConfig } from '../../utils/managed/schema';

// The managed-deployment examples IT copies (docs/deploy/) must be accepted by the browser's schema
// check (public/managed-schema.json: Chrome and Edge drop a policy value of the wrong type) and by
// our own field validation, field by field. Each format is read the way its browser reads it.
const ROOT = resolve(import.meta.dirname, '../..');
const DEPLOY = join(ROOT, 'docs/deploy');
type Schema = { properties: Record<string, { type: 'string' | 'number' | 'boolean' }> };
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'public/managed-schema.json'), 'utf8')) as Schema;
const read = (name: string) => readFileSync(join(DEPLOY, name), 'utf8');

/** Chrome/Edge JSON policy files (Linux): the extension's values under 3rdparty.extensions.<id>. */
function fromChromeJson(text: string): Record<string, unknown> {
  const policy = JSON.parse(text) as { '3rdparty': { extensions: Record<string, Record<string, unknown>> } };
  return onlyValue(policy['3rdparty'].extensions);
}

function fromFirefoxJson(text: string): Record<string, unknown> {
  const policy = JSON.parse(text) as { policies: { '3rdparty': { Extensions: Record<string, Record<string, unknown>> } } };
  expect(Object.keys(policy.policies['3rdparty'].Extensions)).toEqual(['access-gap@access-gap.dev']);
  return onlyValue(policy.policies['3rdparty'].Extensions);
}

/**
 * A .reg file: the values of the key that holds the extension's policy. Chrome and Edge convert a
 * REG_DWORD to the type the schema asks for (boolean or number); strings are REG_SZ.
 */
function fromReg(text: string, keyPattern: RegExp): Record<string, unknown> {
  expect(text.startsWith('Windows Registry Editor Version 5.00')).toBe(true);
  const out: Record<string, unknown> = {};
  let inKey = false;
  for (const line of text.split(/\r?\n/)) {
    const key = /^\[(.+)\]$/.exec(line);
    if (key) inKey = keyPattern.test(key[1]!);
    const value = /^"([^"]+)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$/i.exec(line);
    if (!inKey || !value) continue;
    const [, name, text, dword] = value;
    const type = SCHEMA.properties[name!]?.type;
    if (dword === undefined) out[name!] = text!.replace(/\\(.)/g, '$1');
    else out[name!] = type === 'boolean' ? Number.parseInt(dword, 16) !== 0 : Number.parseInt(dword, 16);
  }
  return out;
}

/** A macOS managed-preferences plist: one flat dict of key → string/real/integer/true/false. */
function fromPlist(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entry = /<key>([^<]+)<\/key>\s*(?:<(string|real|integer)>([^<]*)<\/\2>|<(true|false)\/>)/g;
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const m of text.matchAll(entry)) {
    const [, key, kind, value, bool] = m;
    out[key!] = bool ? bool === 'true' : kind === 'string' ? unescape(value!) : Number(value);
  }
  return out;
}

function onlyValue(byId: Record<string, Record<string, unknown>>): Record<string, unknown> {
  const values = Object.values(byId);
  expect(values).toHaveLength(1);
  return values[0]!;
}

/** What Chrome's schema check would drop: unknown fields and values of the wrong type. */
function schemaProblems(values: Record<string, unknown>): string[] {
  return Object.entries(values).flatMap(([k, v]) => {
    const type = SCHEMA.properties[k]?.type;
    if (!type) return [`${k}: not in managed-schema.json`];
    return typeof v === type ? [] : [`${k}: ${typeof v}, schema says ${type}`];
  });
}

const EXAMPLES: [string, (text: string) => Record<string, unknown>][] = [
  ['chrome-linux.json', fromChromeJson],
  ['edge-linux.json', fromChromeJson],
  ['chrome-windows.reg', (t) => fromReg(t, /^HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\[^\\]+\\policy$/)],
  ['edge-windows.reg', (t) => fromReg(t, /^HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\[^\\]+\\policy$/)],
  ['firefox-windows.reg', (t) => fromReg(t, /^HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Mozilla\\Firefox\\3rdparty\\Extensions\\access-gap@access-gap\.dev$/)],
  ['chrome-macos.plist', fromPlist],
  ['edge-macos.plist', fromPlist],
  ['firefox-policies.json', fromFirefoxJson],
];

describe('managed deployment examples (docs/deploy)', () => {
  it('covers every file in the folder', () => {
    expect(readdirSync(DEPLOY).sort()).toEqual(EXAMPLES.map(([name]) => name).sort());
  });

  for (const [name, parse] of EXAMPLES) {
    it(`${name}: every value passes the browser's schema check and our own validation`, () => {
      const values = parse(read(name));
      expect(Object.keys(values).length).toBeGreaterThanOrEqual(5);
      expect(schemaProblems(values)).toEqual([]);
      const config = parseManagedConfig(values);
      expect(config.issues).toEqual([]);
      expect(config.organisation).toBe('Example Corp');
      expect(config.uploadUrl).toBe('https://access-gap.corp.example/reports');
    });
  }

  it('the parsers would catch a wrong type or an unknown field', () => {
    const bad = read('chrome-windows.reg').replace('"scheduleHours"=dword:00000006', '"scheduleHours"="six"').replace('"site"=', '"sitee"=');
    const values = fromReg(bad, /3rdparty\\extensions\\[^\\]+\\policy$/);
    expect(schemaProblems(values).sort()).toEqual(['scheduleHours: string, schema says number', 'sitee: not in managed-schema.json']);
  });
});
