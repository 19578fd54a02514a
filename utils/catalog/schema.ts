import * as v from 'valibot';

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** True for a URL with the given protocols and a well-formed hostname. */
function isUrlWith(protocols: string[]) {
  return (value: string) => {
    try {
      const url = new URL(value);
      return protocols.includes(url.protocol) && /^[a-z0-9.-]+$/i.test(url.hostname) && !url.username && !url.password;
    } catch {
      return false;
    }
  };
}

const HttpsUrl = v.pipe(v.string(), v.maxLength(2048), v.check(isUrlWith(['https:']), 'not an https URL'));
/** Realtime endpoints are WebSockets (wss:) or, for call services, an https signalling URL. */
const RealtimeUrl = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.check(isUrlWith(['wss:', 'https:']), 'not a wss or https URL'),
);

export const ChannelUrlsSchema = v.strictObject({
  page: v.optional(HttpsUrl),
  media: v.optional(HttpsUrl),
  realtime: v.optional(RealtimeUrl),
});

export const UsageFigureSchema = v.strictObject({
  population: v.picklist(['FR', 'US', 'WORLD']),
  /** Share of that population's internet users, 0..1; null = no published figure. */
  share: v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  metric: v.pipe(v.string(), v.maxLength(200)),
  source: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  year: v.pipe(v.number(), v.integer(), v.minValue(1990), v.maxValue(2100)),
  url: v.optional(HttpsUrl),
});

export const ServiceEntrySchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(ID, 'not a lowercase id (a-z, 0-9, -)')),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  nameFr: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(100))),
  category: v.pipe(v.string(), v.regex(ID, 'not a lowercase category id')),
  /** Registrable domains that belong to the service: a redirect inside them is not foreign. */
  domains: v.optional(v.array(v.pipe(v.string(), v.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'not a domain')))),
  retired: v.optional(
    v.strictObject({ year: v.number(), successor: v.optional(v.string()), note: v.optional(v.string()) }),
  ),
  channels: ChannelUrlsSchema,
  usage: v.array(UsageFigureSchema),
  /** Date (YYYY-MM-DD) the endpoints were last checked: endpoint lists rot. */
  checked: v.optional(v.pipe(v.string(), v.isoDate())),
});

export const CatalogSchema = v.strictObject({
  schemaVersion: v.literal(1),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  version: v.pipe(v.string(), v.minLength(1), v.maxLength(50)),
  services: v.pipe(v.array(ServiceEntrySchema), v.minLength(1), v.maxLength(2000)),
});

export type ChannelUrls = v.InferOutput<typeof ChannelUrlsSchema>;
export type UsageFigure = v.InferOutput<typeof UsageFigureSchema>;
export type ServiceEntry = v.InferOutput<typeof ServiceEntrySchema>;
export type Catalog = v.InferOutput<typeof CatalogSchema>;
