import { browser } from 'wxt/browser';

/** The host access every probe needs (manifest `host_permissions`). */
export const HOST_ORIGINS: readonly string[] = ['<all_urls>'];
/** The first-run page that explains and requests host access (entrypoints/permissions). */
export const PERMISSIONS_PAGE = '/permissions.html';
/** Stable prefix of the error a start-audit request gets without host access; the UI can match it. */
export const HOST_ACCESS_MISSING = 'host-permission-missing';

/** Whether Access Gap may read other sites' answers. Chrome grants it at install; Firefox MV3 may not. */
export async function hasHostAccess(): Promise<boolean> {
  return browser.permissions.contains({ origins: [...HOST_ORIGINS] });
}

/**
 * Refuse to start an audit without host access. Firefox MV3 treats host permissions as optional:
 * without them every probe fails CORS and webRequest sees nothing, which would read as "everything
 * blocked" — a false verdict. Saying so is the honest answer.
 */
export async function assertHostAccess(has: () => Promise<boolean> = hasHostAccess): Promise<void> {
  if (await has()) return;
  throw new Error(
    `${HOST_ACCESS_MISSING}: Access Gap is not allowed to access websites, so it cannot tell what is blocked. ` +
      `Open ${PERMISSIONS_PAGE} (or the add-on's permissions in the browser) and allow access to all sites.`,
  );
}

/**
 * On install (Firefox may withhold host access), open the page that explains why access is needed
 * and asks for it; `permissions.request` needs a user gesture, which only a page can give.
 */
export function offerHostAccessOnInstall(): void {
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    if (reason !== 'install' || (await hasHostAccess())) return;
    await browser.tabs.create({ url: browser.runtime.getURL(PERMISSIONS_PAGE) });
  });
}
