import type { PageApi } from '../ui/page-api';
import type { FleetReport } from '../fleet/validate-report';
import type { Deck } from './deck';
import type { FleetImport } from './fleet-import';

/** A file the trainer picked, already read as text by the page. */
export interface PickedFile {
  name: string;
  text: string;
}

/**
 * What the presentation page may ask of the extension, on top of `PageApi`:
 * the trainer's deck, imported fleet reports and full screen. Components get it
 * as a prop and never touch `browser.*` (`createPresentApi` is the real one).
 */
export interface PresentApi extends PageApi {
  loadDeck(): Promise<Deck>;
  saveDeck(deck: Deck): Promise<Deck>;
  /**
   * Fleet reports imported for the "our sites" slide. The interface the fleet
   * slide depends on: today they are stored by the presentation's own import;
   * reports stored by the fleet page can be served here without touching a slide.
   */
  loadFleetReports(): Promise<FleetReport[]>;
  /** Validate and store reports from files; returns what was stored and what was rejected. */
  importFleetReports(files: PickedFile[]): Promise<FleetImport & { stored: number }>;
  clearFleetReports(): Promise<void>;
  toggleFullscreen(): void;
}
