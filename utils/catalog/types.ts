/**
 * The catalog: which consumer services to probe, and how much customers use them.
 * The runtime shape is validated by `schema.ts`; these types are derived from it.
 */
export type { Catalog, ServiceEntry, UsageFigure, ChannelUrls } from './schema';

/** The channels a service can be probed on. */
export const CHANNELS = ['page', 'media', 'realtime'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Populations a usage share can refer to. */
export const POPULATIONS = ['FR', 'US', 'WORLD'] as const;
export type Population = (typeof POPULATIONS)[number];

/** Current catalog schema version; bumped when the JSON shape changes. */
export const CATALOG_SCHEMA_VERSION = 1;
