/**
 * Each probe request carries its own tag in the URL fragment. A fragment is never sent
 * on the wire (RFC 3986 §3.5; the Fetch standard strips it from what reaches the server
 * and from `Response.url`), but webRequest reports it in `details.url`, so a probe finds
 * its own request — and its requestId — among every request the browser makes, including
 * our policy-check frames for the very same URL (see docs/scale.md).
 */
const TAG_PREFIX = 'access-gap-probe-';

/** The URL to request: `url` with its fragment replaced by the tag. */
export function tagUrl(url: string, tag: string): string {
  const hash = url.indexOf('#');
  return `${hash < 0 ? url : url.slice(0, hash)}#${TAG_PREFIX}${tag}`;
}

/** The tag a request URL carries, if it is one of ours. */
export function tagOf(url: string): string | undefined {
  const hash = url.lastIndexOf(`#${TAG_PREFIX}`);
  return hash < 0 ? undefined : url.slice(hash + 1 + TAG_PREFIX.length);
}

/** `url` without our tag (redirect targets inherit the fragment; evidence never shows it). */
export function untagUrl(url: string): string {
  const hash = url.lastIndexOf(`#${TAG_PREFIX}`);
  return hash < 0 ? url : url.slice(0, hash);
}
