import type { ComponentChildren } from 'preact';
import type { SlideId } from '../../utils/present/deck';
import { useI18n } from '../i18n';

export interface SlideFrameProps {
  id: SlideId;
  title: string;
  /** The source of every figure on the slide, shown in its footer (and printed). */
  source?: ComponentChildren;
  /** 1-based position and deck length, for the footer. */
  position: number;
  count: number;
  current: boolean;
  /** Extra class for slides with their own look (the title slide). */
  variant?: string;
  children: ComponentChildren;
}

/**
 * One slide: title, body, and a footer naming its sources and its place in the
 * deck. Every slide is always in the DOM (only the current one is shown on
 * screen) so printing gives the whole handout, one slide a page.
 */
/** Position props every slide receives from the deck. */
export type SlidePlace = Pick<SlideFrameProps, 'position' | 'count' | 'current'>;

export function SlideFrame({ id, title, source, position, count, current, variant, children }: SlideFrameProps) {
  const { t } = useI18n();
  return (
    <section
      class={`slide ${variant ?? ''} ${current ? 'current' : ''}`}
      data-slide={id}
      aria-roledescription="slide"
      aria-label={`${title} (${t('present_slideOf', position, count)})`}
      aria-hidden={current ? undefined : 'true'}
    >
      <header class="slide-head">
        <h2 class="slide-title">{title}</h2>
      </header>
      <div class="slide-body">{children}</div>
      <footer class="slide-foot">
        <p class="slide-source" data-testid="slide-source">{source}</p>
        <p class="slide-number">
          {position} / {count}
        </p>
      </footer>
    </section>
  );
}

/** "Source: …" in the slide's language. */
export function SourceLine({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  const [before, after] = t('present_source', '\u0000').split('\u0000');
  return (
    <>
      {before}
      {children}
      {after}
    </>
  );
}
