import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * Firefox needs a stable add-on id (storage, policies and `installExtension` key on it). 140 is the
 * ESR that knows the data-collection field (web-ext lint warns below it); Access Gap collects no
 * personal data (reports hold no IP, no user name), which the data-collection field declares.
 */
const FIREFOX_SETTINGS = {
  gecko: { id: 'access-gap@access-gap.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
};

// Permissions are the minimum the probes need; docs/permissions.md justifies each one, names the
// install warning it shows and what would break without it. tests/e2e/manifest.test.ts pins the list,
// so adding one is a deliberate change.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    // Localised from public/_locales (en is the default; fr follows the browser language).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    action: { default_title: '__MSG_extName__' },
    permissions: [
      'storage', 'unlimitedStorage', 'alarms', 'webRequest', 'webNavigation',
      // The WithHostAccess variant shows no install warning ("Block content on any page" is the plain
      // permission's); our one rule only blocks our own policy-check frames, on hosts we have access to.
      'declarativeNetRequestWithHostAccess',
      // This machine's DNS answer after a connection failure (sinkholes): Firefox's dns.resolve;
      // Chrome grants it on its Dev channel only and ignores it elsewhere (docs/verdicts-on-real-networks.md).
      'dns',
      // Firefox only: getSecurityInfo (TLS inspection by certificate owner) needs a blocking onHeadersReceived.
      ...(browser === 'firefox' ? ['webRequestBlocking'] : []),
      // Chromium only: service workers have no RTCPeerConnection, so call probes run in an offscreen document.
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    host_permissions: ['<all_urls>'],
    // IT's policy (organisation, site, schedule, upload): schema in public/, README "Fleet".
    storage: { managed_schema: 'managed-schema.json' },
    ...(browser === 'firefox' ? { browser_specific_settings: FIREFOX_SETTINGS } : {}),
  }),
});
