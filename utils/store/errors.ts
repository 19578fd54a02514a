/**
 * Storage failures the user must hear about. IndexedDB reports them as
 * DOMExceptions with browser-specific names; the UI needs one stable kind.
 */
export const STORAGE_ERROR_KINDS = ['quota', 'blocked', 'unavailable', 'version', 'unknown'] as const;
export type StorageErrorKind = (typeof STORAGE_ERROR_KINDS)[number];

const PREFIX = 'storage:';

/**
 * An error whose message starts with `storage:<kind>:` — the message survives
 * the trip through the extension's messaging (which keeps only the message),
 * so a page can tell a full disk from a blocked upgrade.
 */
export class StorageError extends Error {
  constructor(
    readonly kind: StorageErrorKind,
    detail: string,
  ) {
    super(`${PREFIX}${kind}: ${detail}`);
    this.name = 'StorageError';
  }
}

/** Map a DOMException (or anything thrown by IndexedDB) to a `StorageError`. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const message = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  // QuotaExceededError: disk or quota full. Firefox private windows and locked-down profiles
  // refuse IndexedDB with InvalidStateError / SecurityError; Chrome's broken profiles with UnknownError.
  const kind: StorageErrorKind =
    name === 'QuotaExceededError'
      ? 'quota'
      : name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError'
        ? 'unavailable'
        : name === 'VersionError'
          ? 'version'
          : 'unknown';
  return new StorageError(kind, message || name || 'storage failed');
}

/** The storage error kind carried by an error message, if it is one. */
export function storageErrorKind(message: string | undefined): StorageErrorKind | undefined {
  const match = /storage:([a-z]+):/.exec(message ?? '');
  const kind = match?.[1] as StorageErrorKind | undefined;
  return kind && (STORAGE_ERROR_KINDS as readonly string[]).includes(kind) ? kind : undefined;
}
