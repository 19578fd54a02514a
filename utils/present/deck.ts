import * as v from 'valibot';
import { LOCALES } from '../i18n/locale';

/**
 * The slides a deck can show, in their default order. Each is built from data
 * (catalog, audit, fleet reports, sourced figures), never from pictures of text.
 */
export const SLIDE_IDS = ['title', 'complaint', 'then-now', 'behaviour', 'usage', 'audit', 'gap', 'fleet', 'discuss'] as const;
export type SlideId = (typeof SLIDE_IDS)[number];

/** A free-text field shown big on the title slide: no control characters, bounded length. */
const titleText = (max: number) =>
  v.fallback(v.pipe(v.string(), v.trim(), v.maxLength(max), v.check((s) => !/[\u0000-\u001f\u007f]/.test(s))), '');

/**
 * The trainer's deck, kept in `storage.local`: slide order, hidden slides, the
 * title slide's organisation and date, and the deck's own language (a trainer
 * may present in French from an English browser without changing the extension's
 * language). Each field falls back on its own, so one bad value loses nothing else.
 */
export const DeckSchema = v.object({
  order: v.fallback(v.array(v.string()), [...SLIDE_IDS]),
  hidden: v.fallback(v.array(v.string()), []),
  organisation: titleText(120),
  /** YYYY-MM-DD, or empty for "today". */
  date: v.fallback(v.union([v.literal(''), v.pipe(v.string(), v.isoDate())]), ''),
  language: v.fallback(v.picklist(['auto', ...LOCALES]), 'auto'),
});
export type DeckInput = v.InferOutput<typeof DeckSchema>;

/** A deck whose `order` holds every slide id exactly once and `hidden` only known ids. */
export interface Deck extends Omit<DeckInput, 'order' | 'hidden'> {
  order: SlideId[];
  hidden: SlideId[];
}

const isSlideId = (id: string): id is SlideId => (SLIDE_IDS as readonly string[]).includes(id);

/**
 * Parse whatever storage holds into a valid deck. Unknown ids (a slide removed in a
 * later version) are dropped and missing ones (a slide added since) are inserted at
 * their default place, so an old stored order never hides a new slide.
 */
export function parseDeck(raw: unknown): Deck {
  const input = v.parse(DeckSchema, raw && typeof raw === 'object' ? raw : {});
  const order = [...new Set(input.order.filter(isSlideId))];
  SLIDE_IDS.forEach((id, defaultIndex) => {
    if (order.includes(id)) return;
    // After the slide that precedes it by default, or first.
    const before = SLIDE_IDS.slice(0, defaultIndex).reverse().find((p) => order.includes(p));
    order.splice(before ? order.indexOf(before) + 1 : 0, 0, id);
  });
  return { ...input, order, hidden: [...new Set(input.hidden.filter(isSlideId))] };
}

/** The default deck: every slide in order, the title slide without organisation, today's date. */
export const DEFAULT_DECK: Deck = parseDeck({});

/** Move a slide one place up (-1) or down (+1); a move past either end changes nothing. */
export function moveSlide(deck: Deck, id: SlideId, delta: -1 | 1): Deck {
  const from = deck.order.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= deck.order.length) return deck;
  const order = [...deck.order];
  const [moved] = order.splice(from, 1);
  if (moved === undefined) return deck;
  order.splice(to, 0, moved);
  return { ...deck, order };
}

/** Show or hide a slide. */
export function setHidden(deck: Deck, id: SlideId, hidden: boolean): Deck {
  const rest = deck.hidden.filter((h) => h !== id);
  return { ...deck, hidden: hidden ? [...rest, id] : rest };
}

/**
 * The slides to present, in order: not hidden by the trainer, and not empty
 * (`available` says false for the fleet slide when no fleet report was imported:
 * an empty slide in front of an audience helps nobody).
 */
export function visibleSlides(deck: Deck, available: (id: SlideId) => boolean = () => true): SlideId[] {
  return deck.order.filter((id) => !deck.hidden.includes(id) && available(id));
}
