import type { StorageArea } from '../platform/storage-area';
import { validateReportValue, type FleetReport } from '../fleet/validate-report';
import { parseDeck, type Deck } from './deck';

/** storage.local keys of the presentation (prefixed: other features share the area). */
export const DECK_KEY = 'presentDeck';
export const FLEET_KEY = 'presentFleet';
/**
 * Reports kept for the fleet slide. A reduced fleet report is ≈ 15 kB, so 2,000
 * stay near 30 MB (the extension has `unlimitedStorage`); the fleet page is the
 * place for larger imports, the slide only needs the picture by site.
 */
export const MAX_FLEET_REPORTS = 2000;

/** The trainer's deck as stored (defaults for anything missing or invalid). */
export async function loadDeck(area: StorageArea): Promise<Deck> {
  return parseDeck((await area.get(DECK_KEY))[DECK_KEY]);
}

/** Store the deck (re-parsed, so what is stored is always valid) and return it. */
export async function saveDeck(area: StorageArea, deck: Deck): Promise<Deck> {
  const next = parseDeck(deck);
  await area.set({ [DECK_KEY]: next });
  return next;
}

/**
 * Imported fleet reports, re-validated on read with the fleet's own validator:
 * storage may hold reports written by an older version.
 */
export async function loadFleetReports(area: StorageArea): Promise<FleetReport[]> {
  const raw = (await area.get(FLEET_KEY))[FLEET_KEY];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((r) => {
    const result = validateReportValue(r);
    return result.ok ? [result.report] : [];
  });
}

/**
 * Add reports to the stored ones: a report already imported (same id) is replaced,
 * and only the newest `MAX_FLEET_REPORTS` are kept. Returns how many are stored.
 */
export async function addFleetReports(area: StorageArea, reports: readonly FleetReport[]): Promise<number> {
  const byId = new Map((await loadFleetReports(area)).map((r) => [r.id, r]));
  for (const r of reports) byId.set(r.id, r);
  const kept = [...byId.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, MAX_FLEET_REPORTS);
  await area.set({ [FLEET_KEY]: kept });
  return kept.length;
}

/** Forget every imported fleet report. */
export async function clearFleetReports(area: StorageArea): Promise<void> {
  await area.set({ [FLEET_KEY]: [] });
}
