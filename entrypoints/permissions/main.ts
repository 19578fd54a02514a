import { browser } from 'wxt/browser';
import { loadI18n, type MessageKey } from '../../utils/i18n';
import { loadSettings } from '../../utils/settings/store';
import { HOST_ORIGINS, hasHostAccess } from '../../utils/browser/firefox-permissions';

// First-run page (Firefox MV3 makes host access optional): explain, then ask. Wiring only.
const i18n = await loadI18n((await loadSettings(browser.storage.local)).language, navigator.languages, (p) => browser.runtime.getURL(p as '/'));
document.documentElement.lang = i18n.locale;
const text = (id: string, key: MessageKey) => (document.getElementById(id)!.textContent = i18n.t(key));
text('title', 'permissions_title');
text('why', 'permissions_why');
text('privacy', 'permissions_privacy');
text('without', 'permissions_without');
text('allow', 'permissions_allow');
const button = document.getElementById('allow') as HTMLButtonElement;
const show = (granted: boolean) => {
  text('status', granted ? 'permissions_granted' : 'permissions_denied');
  button.hidden = granted;
};
if (await hasHostAccess()) show(true);
// permissions.request needs the click's user gesture: call it first thing in the handler.
button.addEventListener('click', () => {
  browser.permissions.request({ origins: [...HOST_ORIGINS] }).then(show, () => show(false));
});
