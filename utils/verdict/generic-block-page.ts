import type { FingerprintMatch } from './types';
import type { ResponseView } from './response-view';
import { hostOf, isSameSite } from './domains';
import { matchFieldBlockPage } from './field-fingerprints';

/**
 * Block words in English and French. "policy"/"politique" alone is on nearly every
 * page ("Privacy policy", "Politique de confidentialité"), so it only counts in the
 * phrases filters use ("company policy", "politique de sécurité"…). Unicode-aware
 * boundaries because `\b` does not understand accented letters.
 */
const BLOCK_PHRASES: readonly RegExp[] = [
  /\baccess (is |has been )?denied\b/iu,
  /\bthis (site|page|website|url) (is|has been) blocked\b/iu,
  /\bblocked\b/iu,
  /\b(company|corporate|security|acceptable use|internet (usage|access)) policy\b/iu,
  /\bacc[eè]s (est |a été )?refus[ée](?!\p{L})/iu,
  /\bsite (web )?bloqu[ée](?!\p{L})/iu,
  /\bbloqu(é|ée|és|ées)(?!\p{L})/iu,
  /\binterdit(e|s|es)?(?!\p{L})/iu,
  // "Site non autorisé", "Accès non autorisé": French gateways' usual wording.
  /\bnon autoris[ée]e?s?(?!\p{L})/iu,
  /\bpolitique (de sécurité|de securite|de l['’]entreprise|d['’]utilisation|de filtrage|interne)/iu,
];

/** The first block phrase found in `text`, if any. */
export function findBlockWords(text: string): string | undefined {
  for (const re of BLOCK_PHRASES) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  return undefined;
}

/**
 * Words a filter uses to send the employee to their own organisation. A service's
 * own refusal ("Access Denied … Reference #18.2f…" from a CDN, "blocked in your
 * country") does not point there, so these separate an in-place block page from it.
 */
const ORGANISATION_PHRASES =
  /\b(your|the) (organi[sz]ation|company|employer|(network )?administrator|IT (department|help ?desk|support))\b|\b(company|corporate|security|acceptable use) policy\b|\bvotre (entreprise|organisation|soci[ée]t[ée]|administrateur|service informatique)|\bpolitique de s[ée]curit[ée]|\bsupport informatique/iu;

/**
 * Titles of a service's own pages about an account or from its help centre ("Why is my
 * account blocked? - Microsoft Support", "Mon compte est bloqué : que faire ? – Centre
 * d'aide"): they speak of blocking and of "your administrator" too, but a filter's block
 * page is about the site, not about the employee's account, and is not a help article.
 * Found by the ordinary-page corpus (tests/fixtures/ordinary-pages).
 */
const ACCOUNT_OR_HELP_TITLE =
  /\b(account|compte|profile?|sign[- ]?in|log[- ]?in|connexion|password|mot de passe|help|aide|support|faq)(?!\p{L})/iu;

/**
 * Generic rule for filters we have no fingerprint for. Either the request ended on a
 * host foreign to the service and that page speaks of blocking, in our words or in one of
 * OONI's weak field fingerprints (docs/field-fingerprints.md) (a service's own page
 * may say "blocked", e.g. a help article, and a foreign login page is not a block);
 * or, with no foreign redirect (a page injected in place, e.g. behind TLS
 * inspection), the *title* speaks of blocking and the text points to the employee's
 * organisation — both, because CDNs serve their own "Access Denied" pages.
 */
export function matchGenericBlockPage(
  view: ResponseView,
  requestHost: string,
  serviceDomains: readonly string[] = [],
): FingerprintMatch | undefined {
  if (ACCOUNT_OR_HELP_TITLE.test(view.title)) return undefined;
  const finalHost = hostOf(view.urls.at(-1));
  if (finalHost && !isSameSite(requestHost, finalHost, serviceDomains)) {
    const words = findBlockWords(view.text);
    if (words) return { id: 'generic', vendor: 'unknown', matched: `redirect host ${finalHost} + text "${words}"` };
    // OONI's vague blocking words and weak product signals count here, never alone.
    const weak = matchFieldBlockPage(view, 'weak');
    if (weak) return { ...(weak.vendor === 'unknown' ? { id: 'generic' } : weak), vendor: weak.vendor, matched: `redirect host ${finalHost} + ${weak.matched}` };
    return undefined;
  }
  const inTitle = findBlockWords(view.title);
  const organisation = ORGANISATION_PHRASES.exec(view.text)?.[0];
  if (!inTitle || !organisation) return undefined;
  return { id: 'generic', vendor: 'unknown', matched: `title "${inTitle}" + text "${organisation}"` };
}
