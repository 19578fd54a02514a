import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every declarativeNetRequest resource type, so the rule blocks the host whatever asks for it. */
const RESOURCE_TYPES = [
  'main_frame', 'sub_frame', 'stylesheet', 'script', 'image', 'font', 'object', 'xmlhttprequest',
  'ping', 'csp_report', 'media', 'websocket', 'webtransport', 'webbundle', 'other',
];

/**
 * Writes a tiny MV3 "ad blocker" whose static declarativeNetRequest rules block `hosts`: the
 * `extension` treatment, i.e. a block that is local to the browser, not the network. Chromium
 * reports such blocks as `net::ERR_BLOCKED_BY_CLIENT`. See README.md for what it does (and does
 * not) do to another extension's own requests.
 */
export function writeBlockerExtension(dir: string, hosts: string[]): string {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Lab blocker (simulated ad blocker)',
    version: '1.0',
    permissions: ['declarativeNetRequest'],
    declarative_net_request: { rule_resources: [{ id: 'lab', enabled: true, path: 'rules.json' }] },
  };
  const rules = hosts.map((host, i) => ({
    id: i + 1,
    priority: 1,
    action: { type: 'block' },
    condition: { requestDomains: [host], resourceTypes: RESOURCE_TYPES },
  }));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'rules.json'), JSON.stringify(rules, null, 2));
  return dir;
}
