import type { ResponseView } from './response-view';

/**
 * A signal test on a response: returns a short description of what matched (kept as
 * evidence, e.g. `header via: 1.1 proxy (Cisco-WSA/12.5)`), or undefined.
 */
export type Matcher = (view: ResponseView) => string | undefined;

const clip = (s: string, max = 120): string => (s.length > max ? `${s.slice(0, max)}…` : s);

/** A header (lower-case name) whose value matches `pattern`; `/./` means "present". */
export const header =
  (name: string, pattern: RegExp): Matcher =>
  (view) => {
    const value = view.headers[name];
    return value !== undefined && pattern.test(value) ? `header ${name}: ${clip(value)}` : undefined;
  };

/** Page text (title + visible body) matching `pattern`. */
export const text =
  (pattern: RegExp): Matcher =>
  (view) => {
    const m = pattern.exec(view.text);
    return m ? `text "${clip(m[0])}"` : undefined;
  };

/** The `<title>` alone matching `pattern`. */
export const title =
  (pattern: RegExp): Matcher =>
  (view) =>
    pattern.test(view.title) ? `title "${clip(view.title)}"` : undefined;

/** The raw HTML matching `pattern` (markers inside scripts or attributes). */
export const html =
  (pattern: RegExp): Matcher =>
  (view) => {
    const m = pattern.exec(view.html);
    return m ? `html "${clip(m[0])}"` : undefined;
  };

/** A redirect target or the final URL whose host matches `pattern`. */
export const host =
  (pattern: RegExp): Matcher =>
  (view) => {
    for (const u of view.urls) {
      const h = safeUrl(u)?.hostname;
      if (h && pattern.test(h)) return `redirect host ${h}`;
    }
    return undefined;
  };

/** A redirect target or the final URL whose `:port/path?query` matches `pattern`. */
export const path =
  (pattern: RegExp): Matcher =>
  (view) => {
    for (const u of view.urls) {
      const url = safeUrl(u);
      const tail = url && `${url.port ? `:${url.port}` : ''}${url.pathname}${url.search}`;
      if (tail && pattern.test(tail)) return `redirect path ${clip(tail)}`;
    }
    return undefined;
  };

/** The response status satisfies `test`. */
export const status =
  (test: (code: number) => boolean): Matcher =>
  (view) =>
    view.status !== undefined && test(view.status) ? `status ${view.status}` : undefined;

/** The first matcher that matches. */
export const anyOf =
  (...matchers: Matcher[]): Matcher =>
  (view) => {
    for (const m of matchers) {
      const hit = m(view);
      if (hit) return hit;
    }
    return undefined;
  };

/** All matchers must match; descriptions are joined. */
export const allOf =
  (...matchers: Matcher[]): Matcher =>
  (view) => {
    const hits: string[] = [];
    for (const m of matchers) {
      const hit = m(view);
      if (!hit) return undefined;
      hits.push(hit);
    }
    return hits.join(' + ');
  };

function safeUrl(u: string): URL | undefined {
  try {
    return new URL(u);
  } catch {
    return undefined;
  }
}
