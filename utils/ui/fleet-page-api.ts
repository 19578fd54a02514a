import type { I18n } from '../i18n';
import type { FleetStatus } from '../schedule/status';

/** What the fleet page needs from the extension; components get it as a prop and never call `browser.*`. */
export interface FleetPageApi {
  loadI18n(): Promise<I18n>;
  /** This browser's managed setup (to prefill the receiver URL); null when it cannot be read. */
  fleetStatus(): Promise<FleetStatus | null>;
  /** GET a collector URL as text, with the optional Authorization header (the read credential). */
  fetchText(url: string, authorization?: string): Promise<string>;
  download(fileName: string, mime: string, text: string): void;
  print(): void;
}
