/**
 * Shape of `field-fingerprints.json`, the block-page and DNS-answer fingerprints compiled by
 * `npm run fingerprints` from OONI's public dataset (docs/field-fingerprints.md). Kept apart
 * from the matcher so the compile script and the classifier share one definition.
 */

/** Where OONI looks: the raw body, or one response header (lower-case name). */
export type FieldLocation = 'body' | `header:${string}`;

/** OONI's match kinds: `==`, `startswith`, substring, regular expression. */
export type PatternType = 'full' | 'prefix' | 'contains' | 'regexp';

/** One HTTP pattern as OONI states it (id = OONI's fingerprint name). */
export interface FieldPattern {
  id: string;
  /** OONI scope: `prod` product, `inst` institution, `vbw` vague blocking word, `fp` false positive. */
  scope: string;
  where: FieldLocation;
  type: PatternType;
  pattern: string;
}

/**
 * A block-page fingerprint. `decisive` ones name a block page on their own; `weak` ones
 * (vague words, product names that ordinary pages also print) only count where our generic
 * rule already suspects a filter: a redirect to a host foreign to the service.
 */
export interface FieldBlockPage extends FieldPattern {
  strength: 'decisive' | 'weak';
  /** Our vendor id (`vendors.ts`) when we know the product; absent otherwise. */
  vendor?: string;
}

/** A DNS answer (address or CNAME target) OONI saw filters give instead of the real one. */
export interface FieldDnsAnswer {
  id: string;
  scope: string;
  answer: string;
  vendor?: string;
}

/** An OONI entry we do not use, and why (kept so every row of the dataset is accounted for). */
export interface FieldExclusion {
  id: string;
  reason: string;
}

export interface FieldFingerprints {
  source: {
    repository: string;
    commit: string;
    commitDate: string;
    files: string[];
    licence: string;
    attribution: string;
  };
  /** Rows read per file and how many were kept, for the README and the tests. */
  counts: Record<string, number>;
  blockPages: FieldBlockPage[];
  /** OONI's false-positive scope plus the service-side pages we moved there: never a block page. */
  guard: FieldPattern[];
  dnsAnswers: FieldDnsAnswer[];
  excluded: FieldExclusion[];
}
