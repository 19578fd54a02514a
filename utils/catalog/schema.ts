import * as v from 'valibot';
import { FORMULA_TRIGGER } from './csv-columns';
import { EndpointsSchema } from './endpoint-schema';
import { catalogId, label, LABEL_MAX } from './label-rules';
import { parseIceServerUrl } from './ice-url';

/** One DNS label: letters, digits, inner hyphens, 1–63 chars (RFC 1035 §2.3.1, relaxed to allow digits first). */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** True for a well-formed DNS hostname with at least two labels and an alphabetic TLD. */
export function isHostname(host: string): boolean {
  const labels = host.toLowerCase().split('.');
  return (
    host.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL.test(l)) && /^[a-z]{2,}$/.test(labels.at(-1) ?? '')
  );
}

/** True for a URL with the given protocols and a well-formed hostname. */
function isUrlWith(protocols: string[]) {
  return (value: string) => {
    try {
      const url = new URL(value);
      return protocols.includes(url.protocol) && isHostname(url.hostname) && !url.username && !url.password;
    } catch {
      return false;
    }
  };
}

/**
 * Free text shown in the UI and in reports. Names never need `<` or `>`; rejecting
 * them keeps hostile HTML out of HTML/CSV reports built by other modules, and a
 * leading `= + - @` would turn the cell into a formula when a report is opened in
 * a spreadsheet.
 */
function text(max: number) {
  return v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'empty'),
    label(max),
    v.check((s) => !FORMULA_TRIGGER.test(s), 'looks like a spreadsheet formula (starts with = + - or @)'),
  );
}

const HttpsUrl = v.pipe(v.string(), v.maxLength(2048), v.check(isUrlWith(['https:']), 'not an https URL'));
/** Realtime endpoints are WebSockets (wss:) or, for call services, an https signalling URL. */
const RealtimeUrl = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.check(isUrlWith(['wss:', 'https:']), 'not a wss or https URL'),
);

/** Dotted IPv4 literal: lab and in-house STUN/TURN servers are often addressed by IP. */
const isIPv4 = (host: string) => /^(\d{1,3})(\.\d{1,3}){3}$/.test(host) && host.split('.').every((n) => Number(n) <= 255);

/**
 * A STUN or TURN server (RFC 7064/7065): `stun:host[:port]`, `turn:host[:port][?transport=udp|tcp]`.
 * These are not hierarchical URLs (`new URL` gives no hostname), so they are parsed in ice-url.ts.
 */
export function isIceServerUrl(value: string): boolean {
  const server = parseIceServerUrl(value);
  return server !== undefined && (isHostname(server.host) || isIPv4(server.host));
}

const CallUrl = v.pipe(v.string(), v.maxLength(300), v.check(isIceServerUrl, 'not a stun: or turn: URL'));

/**
 * The URLs probed for one service; each is small, public and answers without login.
 * `call` is the service's STUN/TURN server, probed by WebRTC ICE gathering and reported
 * on the realtime channel (chat and calls are both realtime).
 */
export const ChannelUrlsSchema = v.strictObject({
  page: v.optional(HttpsUrl),
  media: v.optional(HttpsUrl),
  realtime: v.optional(RealtimeUrl),
  call: v.optional(CallUrl),
});

/** One published usage figure, always with its source, year and metric (docs/usage-figures.md). */
export const UsageFigureSchema = v.strictObject({
  population: v.picklist(['FR', 'US', 'WORLD'], 'not FR, US or WORLD'),
  /** Share of that population's internet users, 0..1; null = no published figure. */
  share: v.nullable(v.pipe(v.number(), v.minValue(0, 'below 0'), v.maxValue(1, 'above 1 (shares are 0..1)'))),
  metric: text(200),
  source: text(300),
  year: v.pipe(v.number(), v.integer('not a whole year'), v.minValue(1990, 'before 1990'), v.maxValue(2100, 'after 2100')),
  url: v.optional(HttpsUrl),
});

/** A service from the founding complaint that no longer exists as it was (MSN Messenger, Skype…). */
export const RetiredSchema = v.strictObject({
  year: v.pipe(v.number(), v.integer('not a whole year'), v.minValue(1990, 'before 1990'), v.maxValue(2100, 'after 2100')),
  /** Successor in words, e.g. "Microsoft Teams (free)". */
  successor: v.optional(text(200)),
  /** Optional id of the successor's entry; the reference test checks it resolves (a custom catalog may point into the reference). */
  successorId: v.optional(catalogId('not a lowercase id (a-z, 0-9, -)')),
  note: v.optional(text(500)),
});

const ServiceFieldsSchema = v.strictObject({
  id: catalogId('not a lowercase id (a-z, 0-9, -)'),
  name: text(LABEL_MAX.serviceName),
  nameFr: v.optional(text(LABEL_MAX.serviceName)),
  category: catalogId('not a lowercase category id'),
  /** Registrable domains that belong to the service: a redirect inside them is not foreign. */
  domains: v.optional(v.array(v.pipe(v.string(), v.check(isHostname, 'not a domain')))),
  retired: v.optional(RetiredSchema),
  channels: ChannelUrlsSchema,
  /** Where the media and call endpoints came from (or why there is none): see endpoint-schema.ts. */
  endpoints: v.optional(EndpointsSchema),
  usage: v.array(UsageFigureSchema),
  /** Date (YYYY-MM-DD) the endpoints were last checked: endpoint lists rot. */
  checked: v.optional(v.pipe(v.string(), v.isoDate('not a YYYY-MM-DD date'))),
});

/**
 * A live service is probed on at least one channel; a retired one (MSN Messenger,
 * Skype…) is listed for the trainer's story only, so probing it would measure nothing.
 */
export const ServiceEntrySchema = v.pipe(
  ServiceFieldsSchema,
  v.forward(
    v.check(
      (s) => (s.retired ? Object.keys(s.channels).length === 0 : Object.keys(s.channels).length > 0),
      (issue) =>
        (issue.input as { retired?: unknown }).retired
          ? 'a retired service has no channels to probe'
          : 'needs at least one of page, media, realtime',
    ),
    ['channels'],
  ),
);

/** A catalog's name: from the file for CSV, so it is checked like any label. */
export const CatalogNameSchema = text(LABEL_MAX.catalogName);
const CatalogVersionSchema = v.pipe(v.string(), v.minLength(1, 'empty'), label(LABEL_MAX.catalogVersion));

/** A whole catalog, reference or custom; `schemaVersion` is bumped when the JSON shape changes. */
export const CatalogSchema = v.strictObject({
  schemaVersion: v.literal(1),
  name: CatalogNameSchema,
  /** Reports carry it: the receiver's label rules apply (`label-rules.ts`). */
  version: CatalogVersionSchema,
  /** Version of the reference catalog a custom one was merged into (see `merge.ts`). */
  base: v.optional(CatalogVersionSchema),
  services: v.pipe(v.array(ServiceEntrySchema), v.minLength(1, 'no services'), v.maxLength(2000)),
});

export type ChannelUrls = v.InferOutput<typeof ChannelUrlsSchema>;
export type UsageFigure = v.InferOutput<typeof UsageFigureSchema>;
export type ServiceEntry = v.InferOutput<typeof ServiceEntrySchema>;
export type Catalog = v.InferOutput<typeof CatalogSchema>;
