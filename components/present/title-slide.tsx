import type { Deck } from '../../utils/present/deck';
import { useI18n } from '../i18n';
import { SlideFrame } from './slide-frame';
import type { SlidePlace } from './slide-frame';

/** "YYYY-MM-DD" read as a local calendar day (not UTC midnight, which shows the day before in the Americas). */
function localDay(iso: string): number {
  const [y = NaN, m = NaN, d = NaN] = iso.split('-').map(Number);
  // The deck schema admits only ISO dates (`v.isoDate`): every part is there.
  return new Date(y, m - 1, d).getTime();
}

/** The trainer's own title slide: organisation and date from the deck settings, the question of the day. */
export function TitleSlide({ deck, now = Date.now(), ...place }: SlidePlace & { deck: Deck; now?: number }) {
  const { t, locale } = useI18n();
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(deck.date ? localDay(deck.date) : now);
  return (
    <SlideFrame id="title" title={t('present_title_heading')} variant="title-slide" {...place}>
      {deck.organisation && <p class="title-org" data-testid="title-org">{deck.organisation}</p>}
      <p class="title-sub">{t('present_title_sub')}</p>
      <p class="title-meta">
        <span data-testid="title-date">{day}</span>
        <span class="title-tool">{t('present_title_tool')}</span>
      </p>
    </SlideFrame>
  );
}
