import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Permissions are the minimum the probes need; the README explains each one.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Access Gap',
    description:
      'Measures which consumer services your customers use are unreachable from your workplace network, and why.',
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'webRequest', 'webNavigation', 'declarativeNetRequest'],
    host_permissions: ['<all_urls>'],
  },
});
