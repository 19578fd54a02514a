import type { FleetStatus } from '../schedule/status';
import type { PageApi } from './page-api';

/**
 * What the fleet page needs from the extension; components get it as a prop and never call `browser.*`.
 * It starts like every page app (settings, then messages: `usePageSetup`).
 */
export interface FleetPageApi extends Pick<PageApi, 'loadSettings' | 'loadI18n' | 'download' | 'print'> {
  /** This browser's managed setup (to prefill the receiver URL); null when it cannot be read. */
  fleetStatus(): Promise<FleetStatus | null>;
  /** GET a collector URL as text, with the optional Authorization header (the read credential). */
  fetchText(url: string, authorization?: string): Promise<string>;
}
