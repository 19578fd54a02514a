import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Permissions are the minimum the probes need; the README explains each one.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    // Localised from public/_locales (en is the default; fr follows the browser language).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    action: { default_title: '__MSG_extName__' },
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'webRequest', 'webNavigation', 'declarativeNetRequest'],
    host_permissions: ['<all_urls>'],
  },
});
