import { browser } from 'wxt/browser';
import type { PolicyProbeDeps } from '../probe/policy-probe';
import { browserInfo } from './browser-info';

/** Session rule ids 1000+ are reserved for policy-check tabs (one rule per tab). */
const RULE_ID_BASE = 1000;

/** Chain rules (one per URL that is sent on) take ids from here, 10,000 per tab. */
const CHAIN_RULE_BASE = 2_000_000;

/** Chrome/Firefox wiring for the navigation (browser policy) probe. */
export function createPolicyProbeDeps(): PolicyProbeDeps {
  const isFirefox = browserInfo().name === 'Firefox';
  let chainRuleIds: number[] = [];
  // Each URL of a chain but the last is redirected to the next one, in that tab's frames only,
  // above the block rule (priority 2 > 1), matched exactly (anchored both ends, case kept).
  const chainFrames = async (tabId: number, chains: readonly (readonly string[])[]) => {
    const base = CHAIN_RULE_BASE + (tabId % 1000) * 10_000;
    const rules = chains.flatMap((chain) =>
      chain.slice(0, -1).map((url, i) => ({
        priority: 2,
        action: { type: 'redirect' as const, redirect: { url: chain[i + 1] as string } },
        condition: { urlFilter: `|${url}|`, isUrlFilterCaseSensitive: true, tabIds: [tabId], resourceTypes: ['sub_frame' as const] },
      })),
    );
    if (rules.length > 10_000) throw new Error('too many chained URLs for one batch');
    const addRules = rules.map((rule, i) => ({ id: base + i, ...rule }));
    await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: chainRuleIds, addRules });
    chainRuleIds = addRules.map((r) => r.id);
  };
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
        await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id, ...chainRuleIds] });
        chainRuleIds = [];
      };
    },
    // Chains in Chromium, whose policy check at every redirect is documented in docs/scale.md.
    // Firefox keeps one URL per frame: it reports a WebsiteFilter block of a redirect's target
    // with the URL that redirected (measured, docs/scale.md), so a chain would blame the wrong service.
    ...(isFirefox ? {} : { chainFrames }),
    onFrameError(listener) {
      const handler = (e: { tabId: number; frameId: number; url: string; error: string }) => listener(e);
      browser.webNavigation.onErrorOccurred.addListener(handler);
      return () => browser.webNavigation.onErrorOccurred.removeListener(handler);
    },
  };
}
