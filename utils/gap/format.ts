/**
 * A share for people: "63.7 %" (en) or "63,7 %" (fr), and "no published figure" /
 * "aucun chiffre publié" for `null`, so a missing figure never reads as 0 %.
 */
export function formatShare(share: number | null | undefined, locale = 'en'): string {
  const french = /^fr(?:[-_]|$)/i.test(locale);
  if (share === null || share === undefined) return french ? 'aucun chiffre publié' : 'no published figure';
  const digits = (share * 100).toFixed(1).replace(/\.0$/, '');
  // U+202F narrow no-break space before % is the French typographic rule; a plain space in English.
  return french ? `${digits.replace('.', ',')}\u202f%` : `${digits} %`;
}
