import type { FingerprintMatch } from './types';
import type { ResponseView } from './response-view';
import { hostOf, isSameSite } from './domains';

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
 * Generic rule for filters we have no fingerprint for: the request ended on a host
 * foreign to the service, and that page speaks of blocking. Both conditions are
 * needed — a service's own page may say "blocked" (e.g. a help article), and a
 * foreign login or CDN page is not a block.
 */
export function matchGenericBlockPage(
  view: ResponseView,
  requestHost: string,
  serviceDomains: readonly string[] = [],
): FingerprintMatch | undefined {
  const finalHost = hostOf(view.urls.at(-1));
  if (!finalHost || isSameSite(requestHost, finalHost, serviceDomains)) return undefined;
  const words = findBlockWords(view.text);
  if (!words) return undefined;
  return { id: 'generic', vendor: 'unknown', matched: `redirect host ${finalHost} + text "${words}"` };
}
