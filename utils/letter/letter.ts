import type { Population } from '../catalog/types';
import type { I18n, MessageKey } from '../i18n';
import { categoryLabel, mechanismLabel, populationLabel, verdictLabel } from '../i18n';
import type { Report } from '../report/types';
import { letterFindings, type ServiceAsk } from './asks';

export type Audience = 'it' | 'management';
export const AUDIENCES: readonly Audience[] = ['it', 'management'];
/** The employee's reason, from the founding complaint's list of who needs the consumer web at work. */
export const REASONS = ['customer-service', 'marketing', 'recruiting', 'training', 'partners'] as const;
export type Reason = (typeof REASONS)[number];

export interface LetterChoices {
  audience: Audience;
  reason: Reason;
  /** The employee's own words, added after the chosen reason (bounded, plain text). */
  note: string;
}

export interface LetterItem {
  serviceId: string;
  name: string;
  /** "Blocked · Block page (Zscaler)" — the finding, in the letter's language. */
  finding: string;
  /** "84% — US adults who ever use it (Pew Research Center, 2025)", or the words for "no published figure". */
  usage: string;
  /** Where the figure comes from (a link), only when there is a figure. */
  usageUrl?: string;
  ask: string;
}

export interface Letter {
  lang: string;
  subject: string;
  greeting: string;
  intro: string;
  score: string;
  reason: string;
  items: LetterItem[];
  /** "Could not be checked: …" — inconclusive services, never counted as blocked. */
  uncheckable?: string;
  closing: string;
}

export const NOTE_MAX = 600;
const key = (prefix: string, id: string) => `${prefix}_${id.replace(/-/g, '_')}` as MessageKey;

function itemOf(a: ServiceAsk, i18n: I18n, team: string): LetterItem {
  const { t, fmt } = i18n;
  const finding = [verdictLabel(t, a.verdict), a.mechanism ? mechanismLabel(t, a.mechanism) : undefined].filter(Boolean).join(' · ');
  const usage = a.usage?.share !== undefined && a.usage.share !== null
    ? t('letter_usage', fmt.percent(a.usage.share), a.usage.metric, a.usage.source, a.usage.year)
    : t('letter_usageNone');
  return {
    serviceId: a.serviceId,
    name: a.name,
    finding: a.vendor ? t('letter_findingVendor', finding, a.vendor) : finding,
    usage,
    ...(a.usage?.url && a.usage.share !== null ? { usageUrl: a.usage.url } : {}),
    ask: t(key('letter_ask', a.kind), a.host, team, categoryLabel(i18n, a.category)),
  };
}

/**
 * The letter an employee hands to IT or management, built only from the audit: what was found
 * blocked, throttled or restricted, how many customers use each (sourced figure or the words "no
 * published figure"), one line of evidence, a precise ask per service, the gap score and what it
 * rests on. Inconclusive services are listed apart; nothing is claimed that the audit did not show.
 */
export function buildLetter(report: Report, population: Population, choices: LetterChoices, i18n: I18n): Letter {
  const { t, fmt } = i18n;
  const { asks, uncheckable } = letterFindings(report.services, population);
  const team = t(key('letter_team', choices.reason));
  const date = fmt.date(Date.parse(report.startedAt));
  const gap = report.gap.find((g) => g.population === population);
  const tally = gap?.overall;
  const score = !report.control.ok
    ? t('letter_scoreNone_control')
    : !tally || tally.blockedShare === null
      ? t('letter_scoreNone_figures', populationLabel(t, population))
      : t('letter_score', fmt.percent(tally.blockedShare), fmt.percent(tally.degradedShare ?? 0), tally.weightedServices, populationLabel(t, population), tally.inconclusive);
  const note = choices.note.trim().slice(0, NOTE_MAX);
  return {
    lang: i18n.locale,
    subject: t('letter_subject', asks.length, date),
    greeting: t(key('letter_greeting', choices.audience)),
    intro: t(key('letter_intro', choices.audience), date, report.services.length, asks.length, `${report.catalog.name} ${report.catalog.version}`),
    score,
    reason: [t(key('letter_reason', choices.reason)), note].filter(Boolean).join(' '),
    items: asks.map((a) => itemOf(a, i18n, team)),
    ...(uncheckable.length ? { uncheckable: t('letter_uncheckable', uncheckable.map((u) => u.name).join(', ')) } : {}),
    closing: t('letter_closing'),
  };
}

/** The letter as plain text, for a ticket or an e-mail body. */
export function letterText(letter: Letter, i18n: I18n, items: LetterItem[] = letter.items): string {
  const { t } = i18n;
  const lines = [letter.greeting, '', letter.intro, '', letter.score, '', letter.reason, ''];
  if (items.length) {
    lines.push(t('letter_asksTitle'));
    for (const item of items) lines.push(`- ${item.name}: ${item.finding}. ${item.usage}.`, `  ${t('letter_askLabel')}: ${item.ask}`);
    lines.push('');
  }
  if (letter.uncheckable) lines.push(letter.uncheckable, '');
  lines.push(letter.closing);
  return lines.join('\n');
}

/**
 * Mail clients and the systems that hand them a `mailto:` link cut long ones (Windows' shell
 * limit is 2,083 characters for the whole URL, which Outlook and the browsers' handlers inherit),
 * so the link stays under `MAILTO_MAX`: services are dropped from the end (least used first) and a
 * line says the full letter is attached.
 */
export const MAILTO_MAX = 2000;

export function letterMailto(letter: Letter, i18n: I18n, max = MAILTO_MAX): { href: string; shortened: boolean } {
  const href = (body: string) => `mailto:?subject=${encodeURIComponent(letter.subject)}&body=${encodeURIComponent(body)}`;
  const full = href(letterText(letter, i18n));
  if (full.length <= max) return { href: full, shortened: false };
  const note = i18n.t('letter_shortened', letter.items.length);
  for (let n = letter.items.length; n >= 0; n--) {
    const body = `${letterText(letter, i18n, letter.items.slice(0, n))}\n\n${note}`;
    if (href(body).length <= max) return { href: href(body), shortened: true };
  }
  // Even without services the letter is too long (a very long note): keep its head, then the note.
  let body = letterText({ ...letter, reason: '' }, i18n, []);
  while (href(`${body}…\n\n${note}`).length > max && body.length > 0) body = body.slice(0, -20);
  return { href: href(`${body}…\n\n${note}`), shortened: true };
}
