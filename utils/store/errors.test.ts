import { describe, expect, it } from 'vitest';
import { StorageError, storageErrorKind, toStorageError } from './errors';

describe('storage errors', () => {
  it.each([
    ['QuotaExceededError', 'quota'],
    ['InvalidStateError', 'unavailable'],
    ['SecurityError', 'unavailable'],
    ['UnknownError', 'unavailable'],
    ['VersionError', 'version'],
    ['AbortError', 'unknown'],
  ])('%s is a %s error', (name, kind) => {
    const error = toStorageError(new DOMException('boom', name));
    expect(error.kind).toBe(kind);
    expect(storageErrorKind(error.message)).toBe(kind);
  });

  it('keeps its kind through a message round trip (only the message survives)', () => {
    const message = new Error(new StorageError('blocked', 'old page').message).message;
    expect(storageErrorKind(`startAudit: ${message}`)).toBe('blocked');
    expect(storageErrorKind('Failed to fetch')).toBeUndefined();
  });
});
