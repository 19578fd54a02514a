import { browser } from 'wxt/browser';
import type { PolicyProbeDeps } from '../probe/policy-probe';

/** Session rule ids 1000+ are reserved for policy-check tabs (one rule per tab). */
const RULE_ID_BASE = 1000;

/** Chrome/Firefox wiring for the navigation (browser policy) probe. */
export function createPolicyProbeDeps(): PolicyProbeDeps {
  return {
    checkerPageUrl: browser.runtime.getURL('/policy-check.html'),
    async openHiddenTab() {
      try {
        const tab = await browser.tabs.create({ url: 'about:blank', active: false });
        if (tab.id !== undefined) return tab.id;
      } catch {
        // no normal window to put a tab in (e.g. only the background is alive)
      }
      const win = await browser.windows.create({ url: 'about:blank', focused: false, state: 'minimized' });
      const id = win?.tabs?.[0]?.id;
      if (id === undefined) throw new Error('could not open a tab for the policy check');
      return id;
    },
    async navigateTab(tabId, url) {
      await browser.tabs.update(tabId, { url });
    },
    async closeTab(tabId) {
      await browser.tabs.remove(tabId);
    },
    async blockSubframes(tabId) {
      const id = RULE_ID_BASE + (tabId % 100_000);
      await browser.declarativeNetRequest.updateSessionRules({
        removeRuleIds: [id],
        addRules: [
          { id, priority: 1, action: { type: 'block' }, condition: { tabIds: [tabId], resourceTypes: ['sub_frame'] } },
        ],
      });
      return async () => {
        await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id] });
      };
    },
    onFrameError(listener) {
      const handler = (e: { tabId: number; frameId: number; url: string; error: string }) => listener(e);
      browser.webNavigation.onErrorOccurred.addListener(handler);
      return () => browser.webNavigation.onErrorOccurred.removeListener(handler);
    },
  };
}
