import * as v from 'valibot';
import { FORMULA_TRIGGER } from './csv-columns';

/**
 * Where a media or call endpoint came from, and how to find a media object at run time
 * when the service's URLs rotate (docs/endpoints.md). Endpoint lists rot: `checked` is
 * the date `npm run catalog -- --check` last saw the endpoint answer as it should;
 * absent means nobody has verified it from an open network yet.
 */
const note = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'empty'),
    v.maxLength(max, `longer than ${max} characters`),
    v.check((s) => !/[<>\u0000-\u001f\u007f]/.test(s), 'contains HTML or control characters'),
    v.check((s) => !FORMULA_TRIGGER.test(s), 'looks like a spreadsheet formula (starts with = + - or @)'),
  );

const SourceUrl = v.pipe(v.string(), v.maxLength(2048), v.startsWith('https://', 'not an https URL'));
const Day = v.pipe(v.string(), v.isoDate('not a YYYY-MM-DD date'));
/** A registrable domain suffix such as `nflxvideo.net`. */
const Suffix = v.pipe(v.string(), v.regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'not a domain suffix'));

/**
 * Run-time discovery: GET `channels.media` (a JSON API of the service), read the URL at
 * `field` (dotted path, numbers index arrays), accept it only on one of `hosts` (the
 * service's own media-delivery domains) and, when `rangeAfter` is set, ask for a byte
 * range by inserting `/range/0-N` after that path segment (fast.com's convention).
 */
export const DiscoverySchema = v.strictObject({
  field: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'not a dotted field path')),
  hosts: v.pipe(v.array(Suffix), v.minLength(1, 'no media host')),
  rangeAfter: v.optional(v.pipe(v.string(), v.regex(/^\/[A-Za-z0-9_/-]+$/, 'not a path segment'))),
});

export const EndpointSourceSchema = v.strictObject({
  /** Who documents the endpoint (vendor page, open-source client, OONI test…). */
  source: note(800),
  /** The document itself. */
  url: v.optional(SourceUrl),
  /** Last day `catalog --check` saw it ok. */
  checked: v.optional(Day),
  discover: v.optional(DiscoverySchema),
});

/** Per-channel provenance, or why the service has no such endpoint (instead of a guess). */
export const EndpointsSchema = v.strictObject({
  media: v.optional(EndpointSourceSchema),
  call: v.optional(EndpointSourceSchema),
  /** No public, login-free media object of ≥ 2 MB (and no discovery) on the service's media hosts: why. */
  noMedia: v.optional(note(600)),
  /** No published STUN/TURN or media-relay endpoint: why, with the documents that were searched. */
  noCall: v.optional(note(600)),
});

export type Discovery = v.InferOutput<typeof DiscoverySchema>;
export type EndpointSource = v.InferOutput<typeof EndpointSourceSchema>;
export type Endpoints = v.InferOutput<typeof EndpointsSchema>;
