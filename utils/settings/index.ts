/** User settings (storage.local): schema with per-field defaults, and load/save over an injected area. */
export * from './schema';
export * from './store';
