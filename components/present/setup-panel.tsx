import { useEffect, useRef, useState } from 'preact/hooks';
import type { Deck, SlideId } from '../../utils/present/deck';
import { moveSlide, setHidden } from '../../utils/present/deck';
import type { FleetImport } from '../../utils/present/fleet-import';
import type { PickedFile } from '../../utils/present/present-api';
import type { MessageKey } from '../../utils/i18n';
import { useI18n } from '../i18n';

export interface SetupPanelProps {
  deck: Deck;
  /** False for slides with nothing to show (the fleet slide before any import). */
  available(id: SlideId): boolean;
  fleetCount: number;
  onChange(deck: Deck): void;
  onImport(files: PickedFile[]): Promise<FleetImport & { stored: number }>;
  onClearFleet(): void;
  onClose(): void;
}

const slideName = (id: SlideId): MessageKey => `present_slide_${id.replace('-', '_')}` as MessageKey;

/**
 * The trainer's preparation, before the audience arrives: title slide text, the
 * deck's language, slide order and visibility, and fleet reports to import. Every
 * change is saved at once (`onChange`), so a closed tab loses nothing.
 */
export function SetupPanel({ deck, available, fleetCount, onChange, onImport, onClearFleet, onClose }: SetupPanelProps) {
  const { t } = useI18n();
  const [rejected, setRejected] = useState<FleetImport['rejected']>([]);
  const first = useRef<HTMLInputElement>(null);
  // Modal: focus moves in, Tab stays in (the deck behind is inert, see DeckView), and goes back
  // to whatever opened the panel when it closes.
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    first.current?.focus();
    return () => opener?.focus();
  }, []);
  const pick = async (input: HTMLInputElement) => {
    const files = await Promise.all([...(input.files ?? [])].map(async (f) => ({ name: f.name, text: await f.text() })));
    input.value = '';
    if (files.length) setRejected((await onImport(files)).rejected);
  };
  return (
    <div class="setup-backdrop">
      <div class="setup" role="dialog" aria-modal="true" aria-labelledby="setup-title" data-testid="setup" onKeyDown={trapTab}>
        <header class="setup-head">
          <h2 id="setup-title">{t('present_setup_title')}</h2>
          <button type="button" class="primary" data-testid="setup-close" onClick={onClose}>{t('present_setup_start')}</button>
        </header>
        <div class="setup-grid">
          <label>
            {t('present_setup_org')}
            <input ref={first} type="text" maxLength={120} value={deck.organisation} data-testid="setup-org"
              onChange={(e) => onChange({ ...deck, organisation: e.currentTarget.value })} />
          </label>
          <label>
            {t('present_setup_date')}
            <input type="date" value={deck.date} data-testid="setup-date" onChange={(e) => onChange({ ...deck, date: e.currentTarget.value })} />
          </label>
          <label>
            {t('present_setup_language')}
            <select value={deck.language} data-testid="setup-language"
              onChange={(e) => onChange({ ...deck, language: e.currentTarget.value as Deck['language'] })}>
              <option value="auto">{t('languageAuto')}</option>
              <option value="en">{t('language_en')}</option>
              <option value="fr">{t('language_fr')}</option>
            </select>
          </label>
        </div>
        <h3>{t('present_setup_slides')}</h3>
        <ol class="setup-slides" data-testid="setup-slides">
          {deck.order.map((id, i) => (
            <li key={id} data-slide={id}>
              <label>
                <input type="checkbox" checked={!deck.hidden.includes(id)} aria-label={t('present_setup_show', t(slideName(id)))}
                  onChange={(e) => onChange(setHidden(deck, id, !e.currentTarget.checked))} />
                {t(slideName(id))}
                {!available(id) && <span class="muted"> {t('present_setup_empty')}</span>}
              </label>
              <button type="button" disabled={i === 0} aria-label={t('present_setup_up', t(slideName(id)))} onClick={() => onChange(moveSlide(deck, id, -1))}>↑</button>
              <button type="button" disabled={i === deck.order.length - 1} aria-label={t('present_setup_down', t(slideName(id)))}
                onClick={() => onChange(moveSlide(deck, id, 1))}>↓</button>
            </li>
          ))}
        </ol>
        <h3>{t('present_setup_fleet')}</h3>
        <p>{fleetCount ? t('present_setup_fleetCount', fleetCount) : t('present_setup_fleetEmpty')}</p>
        <div class="setup-fleet">
          <label class="file-button">
            {t('present_setup_fleetImport')}
            <input type="file" multiple accept=".json,.ndjson,application/json" data-testid="setup-fleet-file" onChange={(e) => void pick(e.currentTarget)} />
          </label>
          {fleetCount > 0 && <button type="button" onClick={onClearFleet}>{t('present_setup_fleetClear')}</button>}
        </div>
        {rejected.length > 0 && (
          <ul class="rejected" role="status">{rejected.slice(0, 10).map((r, i) => <li key={i}>{t('present_setup_fleetRejected', r.file, r.reason)}</li>)}</ul>
        )}
      </div>
    </div>
  );
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function trapTab(e: KeyboardEvent) {
  if (e.key !== 'Tab') return;
  const dialog = e.currentTarget as HTMLElement;
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
  const [head, tail] = [items[0], items[items.length - 1]];
  if (!head || !tail) return;
  const at = document.activeElement;
  if (e.shiftKey && (at === head || !dialog.contains(at))) {
    e.preventDefault();
    tail.focus();
  } else if (!e.shiftKey && (at === tail || !dialog.contains(at))) {
    e.preventDefault();
    head.focus();
  }
}
