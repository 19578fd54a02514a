import type { VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SlideId } from '../../utils/present/deck';
import { deckAction, nextIndex } from '../../utils/present/keys';
import type { MessageKey } from '../../utils/i18n';
import { useI18n } from '../i18n';
import type { SlidePlace } from './slide-frame';

/** One slide of the deck: its id and how to draw it at a place. */
export interface DeckSlide {
  id: SlideId;
  render(place: SlidePlace): VNode | null;
}

export interface DeckViewProps {
  slides: DeckSlide[];
  /** The setup panel, drawn over the deck while open. */
  setup: (close: () => void) => VNode;
  onFullscreen(): void;
  onPrint(): void;
  /** Enter on a slide (the audit slide starts its audit). */
  onEnter?(id: SlideId): void;
}

/** Where the deck opens: the slide named in the URL hash (`#audit`), so a reload keeps the place. */
const hashIndex = (slides: DeckSlide[]) => Math.max(0, slides.findIndex((s) => `#${s.id}` === location.hash));
/** The controls fade after this long without the mouse moving: nothing but the slide on the projector. */
const CONTROLS_IDLE_MS = 2500;

/**
 * The presentation: every slide in the DOM (the current one shown), presenter
 * keys on the window, presenter notes (N), a setup panel (S) and controls that
 * show while the mouse moves.
 */
export function DeckView({ slides, setup, onFullscreen, onPrint, onEnter }: DeckViewProps) {
  const { t } = useI18n();
  const [index, setIndex] = useState(() => hashIndex(slides));
  const [notes, setNotes] = useState(false);
  const [setupOpen, setSetupOpen] = useState(false);
  const [controls, setControls] = useState(false);
  const idle = useRef<ReturnType<typeof setTimeout>>();
  const current = Math.min(index, Math.max(0, slides.length - 1));
  const id = slides[current]?.id;
  const deckRef = useRef<HTMLDivElement>(null);
  // What a screen reader hears on a slide change: the slide's title and place, not the whole slide.
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    const title = deckRef.current?.querySelector('.slide.current .slide-title')?.textContent?.trim();
    setAnnounced([title, t('present_slideOf', current + 1, slides.length)].filter(Boolean).join(' — '));
  }, [id, current, slides.length]);

  useEffect(() => {
    if (id) history.replaceState(null, '', `#${id}`);
  }, [id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      // Typing in the setup form (or choosing in a list) is not presenting.
      if (target?.closest('input, select, textarea, [role="dialog"]') && e.key !== 'Escape') return;
      if (e.key === 'Enter' && !target?.closest('button, a') && id) return void onEnter?.(id);
      const action = deckAction(e);
      if (!action) return;
      e.preventDefault();
      if (action === 'fullscreen') onFullscreen();
      else if (action === 'notes') setNotes((n) => !n);
      else if (action === 'setup') setSetupOpen(true);
      else if (action === 'close') (setupOpen ? setSetupOpen(false) : setNotes(false));
      // Functional update: key presses can come faster than renders, so never step from a stale index.
      else setIndex((i) => nextIndex(action, i, slides.length));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [slides.length, setupOpen, id]);

  const wake = () => {
    setControls(true);
    clearTimeout(idle.current);
    idle.current = setTimeout(() => setControls(false), CONTROLS_IDLE_MS);
  };
  const go = (delta: 1 | -1) => setIndex((i) => nextIndex(delta > 0 ? 'next' : 'previous', i, slides.length));

  return (
    <div class="deck" ref={deckRef} onMouseMove={wake} data-testid="deck" data-current={id} data-index={current} data-count={slides.length}>
      <p class="visually-hidden" role="status" aria-atomic="true" data-testid="slide-announcement">{announced}</p>
      {/* While the setup panel is open, the deck behind it is inert: no focus, no reading. */}
      <main class="slides" inert={setupOpen}>
        {slides.map((s, i) => s.render({ position: i + 1, count: slides.length, current: i === current }))}
      </main>
      {notes && id && (
        <aside class="notes" data-testid="notes" aria-label={t('present_notesTitle')} inert={setupOpen}>
          <h2>{t('present_notesTitle')}</h2>
          <p>{t(`present_notes_${id.replace('-', '_')}` as MessageKey)}</p>
        </aside>
      )}
      <nav class={`controls ${controls ? 'shown' : ''}`} aria-label={t('present_controls')} inert={setupOpen}>
        <button type="button" onClick={() => go(-1)} aria-label={t('present_prev')}>◀</button>
        <span class="controls-pos">{t('present_slideOf', current + 1, slides.length)}</span>
        <button type="button" onClick={() => go(1)} aria-label={t('present_next')}>▶</button>
        <button type="button" onClick={() => setNotes((n) => !n)} aria-pressed={notes}>{t('present_notesTitle')}</button>
        <button type="button" onClick={onFullscreen}>{t('present_fullscreen')}</button>
        <button type="button" onClick={onPrint}>{t('present_print')}</button>
        <button type="button" data-testid="open-setup" onClick={() => setSetupOpen(true)}>{t('present_setup')}</button>
        <span class="controls-help">{t('present_keysHelp')}</span>
      </nav>
      {setupOpen && setup(() => setSetupOpen(false))}
    </div>
  );
}
