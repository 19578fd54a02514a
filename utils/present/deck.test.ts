import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_DECK, SLIDE_IDS, moveSlide, parseDeck, setHidden, visibleSlides } from './deck';
import { deckAction, nextIndex } from './keys';
import { DECK_KEY, loadDeck, saveDeck } from './present-store';
import type { StorageArea } from '../platform/storage-area';

describe('parseDeck', () => {
  it('gives every slide in the default order for nothing or garbage', () => {
    for (const raw of [undefined, null, 'x', 42, { order: 'no' }]) expect(parseDeck(raw).order).toEqual([...SLIDE_IDS]);
    expect(DEFAULT_DECK).toMatchObject({ hidden: [], organisation: '', date: '', language: 'auto' });
  });
  it('drops unknown and repeated ids and inserts missing slides at their default place', () => {
    const deck = parseDeck({ order: ['discuss', 'gone', 'title', 'title', 'gap'], hidden: ['fleet', 'nope', 'fleet'] });
    expect(deck.order[0]).toBe('discuss');
    expect(deck.order).toHaveLength(SLIDE_IDS.length);
    // complaint follows title, fleet follows gap: their default neighbours.
    expect(deck.order.indexOf('complaint')).toBe(deck.order.indexOf('title') + 1);
    expect(deck.order.indexOf('fleet')).toBe(deck.order.indexOf('gap') + 1);
    expect(deck.hidden).toEqual(['fleet']);
  });
  it('keeps valid fields when another is bad', () => {
    const deck = parseDeck({ organisation: '  ACME  ', date: '2026-13-40', language: 'de' });
    expect(deck).toMatchObject({ organisation: 'ACME', date: '', language: 'auto' });
    expect(parseDeck({ organisation: 'a\u0007b', date: '2026-03-05' })).toMatchObject({ organisation: '', date: '2026-03-05' });
  });
});

describe('reordering and hiding', () => {
  it('moves a slide one place, and not past either end', () => {
    expect(moveSlide(DEFAULT_DECK, 'complaint', -1).order.slice(0, 2)).toEqual(['complaint', 'title']);
    expect(moveSlide(DEFAULT_DECK, 'title', -1)).toBe(DEFAULT_DECK);
    expect(moveSlide(DEFAULT_DECK, 'discuss', 1)).toBe(DEFAULT_DECK);
  });
  it('hides, shows, and skips slides with nothing to show', () => {
    const deck = setHidden(setHidden(DEFAULT_DECK, 'usage', true), 'behaviour', true);
    expect(visibleSlides(deck)).not.toContain('usage');
    expect(visibleSlides(setHidden(deck, 'usage', false))).toContain('usage');
    expect(visibleSlides(DEFAULT_DECK, (id) => id !== 'fleet')).not.toContain('fleet');
  });
});

describe('keys', () => {
  it.each([
    [{ key: 'ArrowRight' }, 'next'],
    [{ key: 'PageDown' }, 'next'],
    [{ key: ' ' }, 'next'],
    [{ key: ' ', shiftKey: true }, 'previous'],
    [{ key: 'ArrowLeft' }, 'previous'],
    [{ key: 'PageUp' }, 'previous'],
    [{ key: 'Home' }, 'first'],
    [{ key: 'End' }, 'last'],
    [{ key: 'f' }, 'fullscreen'],
    [{ key: 'N' }, 'notes'],
    [{ key: 'Escape' }, 'close'],
    [{ key: 'p', ctrlKey: true }, null],
    [{ key: 'f', metaKey: true }, null],
    [{ key: 'x' }, null],
  ] as const)('%j → %s', (press, action) => expect(deckAction(press)).toBe(action));
  it('stays within the deck', () => {
    expect(nextIndex('next', 8, 9)).toBe(8);
    expect(nextIndex('previous', 0, 9)).toBe(0);
    expect(nextIndex('last', 0, 9)).toBe(8);
    expect(nextIndex('first', 5, 9)).toBe(0);
    expect(nextIndex('notes', 12, 9)).toBe(8);
    expect(nextIndex('next', 0, 0)).toBe(0);
  });
});

describe('deck storage', () => {
  it('round-trips through storage.local and survives a corrupt value', async () => {
    fakeBrowser.reset();
    const area = fakeBrowser.storage.local as unknown as StorageArea;
    expect(await loadDeck(area)).toEqual(DEFAULT_DECK);
    const saved = await saveDeck(area, { ...moveSlide(DEFAULT_DECK, 'gap', -1), organisation: 'Acme', date: '2026-11-20', language: 'fr' });
    expect(await loadDeck(area)).toEqual(saved);
    await area.set({ [DECK_KEY]: { order: 7, organisation: 'Acme' } });
    expect(await loadDeck(area)).toMatchObject({ organisation: 'Acme', order: [...SLIDE_IDS] });
  });
});
