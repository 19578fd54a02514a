/** Exports of a Report: JSON (the CLI's schema), CSV (formula-safe), and the download helper. */
export * from './csv';
export * from './json';
export * from './download';
