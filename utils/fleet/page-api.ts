import type { I18n } from '../i18n';
import type { FleetStatus } from '../schedule/status';

/** What the fleet page needs from the extension; components get it as a prop and never call `browser.*`. */
export interface FleetPageApi {
  loadI18n(): Promise<I18n>;
  /** This browser's managed setup (to prefill the receiver URL); null when it cannot be read. */
  fleetStatus(): Promise<FleetStatus | null>;
  /** GET a receiver URL as text, with the optional Authorization header. */
  fetchText(url: string, authorization?: string): Promise<string>;
  download(fileName: string, mime: string, text: string): void;
  print(): void;
}

/**
 * The receiver's "all reports" URL from what the user typed: the receiver's base
 * (`http://host:8787`), its upload URL (`…/reports`), or any full URL as is.
 */
export function receiverReportsUrl(input: string): string {
  const url = new URL(input.trim());
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/reports.ndjson';
  else if (/\/reports\/?$/.test(url.pathname)) url.pathname = url.pathname.replace(/\/reports\/?$/, '/reports.ndjson');
  return url.toString();
}
