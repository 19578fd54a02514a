import { browser } from 'wxt/browser';
import type { StorageArea } from '../platform/storage-area';
import { createPageApi } from '../ui/extension-api';
import { mergeImports, readFleetFile } from './fleet-import';
import type { PresentApi } from './present-api';
import { addFleetReports, clearFleetReports, loadDeck, loadFleetReports, saveDeck } from './present-store';

/** The real `PresentApi`: `PageApi` plus storage.local for the deck and fleet reports. Used by the entrypoint only. */
export function createPresentApi(): PresentApi {
  // storage.local's polyfill types are wider than the slice the stores need.
  const area = browser.storage.local as unknown as StorageArea;
  return {
    ...createPageApi(),
    loadDeck: () => loadDeck(area),
    saveDeck: (deck) => saveDeck(area, deck),
    loadFleetReports: () => loadFleetReports(area),
    async importFleetReports(files) {
      const read = mergeImports(files.map((f) => readFleetFile(f.name, f.text)));
      const stored = read.reports.length ? await addFleetReports(area, read.reports) : (await loadFleetReports(area)).length;
      return { ...read, stored };
    },
    clearFleetReports: () => clearFleetReports(area),
    toggleFullscreen() {
      // Full screen must come from a user gesture (the F key or a click): the caller is one.
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen().catch(() => {});
    },
  };
}
