/**
 * What kind of address a public service name resolved to. A public name answered with the
 * unspecified address, loopback, link-local, a private or a carrier-grade NAT range is a classic DNS
 * sinkhole — unless the service really is served from there (split-horizon DNS, an internal mirror);
 * see docs/verdicts-on-real-networks.md for how the two are told apart. Ranges: RFC 6890 (special
 * purpose registry), RFC 1918 (private), RFC 6598 (CGNAT 100.64/10), RFC 3927 (169.254/16),
 * RFC 4193 (IPv6 unique local fc00::/7), RFC 4291 (::, ::1, fe80::/10, ::ffff:0:0/96).
 */
export type AddressClass = 'unspecified' | 'loopback' | 'link-local' | 'private' | 'cgnat' | 'public' | 'invalid';

/** Classes that a public service name should never resolve to on an ordinary network. */
export const SINKHOLE_CLASSES: ReadonlySet<AddressClass> = new Set(['unspecified', 'loopback', 'link-local', 'private', 'cgnat']);

export function addressClass(ip: string): AddressClass {
  const text = ip.trim().replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = parseV4(text);
  if (v4) return classV4(v4);
  const v6 = parseV6(text);
  if (!v6) return 'invalid';
  if (v6.every((w) => w === 0)) return 'unspecified';
  if (v6.slice(0, 7).every((w) => w === 0) && v6[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d): judge the IPv4 address inside.
  const [first, , , , , sixth, high, low] = v6;
  if (v6.slice(0, 5).every((w) => w === 0) && sixth === 0xffff) {
    return classV4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xfe00) === 0xfc00) return 'private';
  return 'public';
}

function classV4([a, b]: Words<4>): AddressClass {
  if (a === 0) return 'unspecified'; // 0.0.0.0/8 "this network": what sinkholes answer
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'cgnat';
  return 'public';
}

function parseV4(text: string): Words<4> | undefined {
  const parts = text.split('.');
  if (!parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return wordsOf(parts.map(Number), 4);
}

/** A fixed number of address words (IPv4 octets, IPv6 16-bit words). */
type Words<N extends 4 | 8> = N extends 4 ? [number, number, number, number] : [number, number, number, number, number, number, number, number];

/** `words` as a `Words<n>`, or undefined when there are not exactly `n`. */
function wordsOf<N extends 4 | 8>(words: number[], n: N): Words<N> | undefined {
  return words.length === n ? (words as Words<N>) : undefined;
}

/** Eight 16-bit words, or undefined. Accepts `::` compression and a dotted IPv4 tail. */
function parseV6(text: string): Words<8> | undefined {
  if (!text.includes(':')) return undefined;
  let body = text.replace(/%[\s\S]*$/, ''); // the zone index (`fe80::1%eth0`) names no address
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(body)?.[1];
  if (tail) {
    const v4 = parseV4(tail);
    if (!v4) return undefined;
    const [a, b, c, d] = v4;
    body = `${body.slice(0, -tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [before = '', after, ...more] = body.split('::');
  if (more.length) return undefined;
  const halves = after === undefined ? 1 : 2;
  const words = (s: string) => (s === '' ? [] : s.split(':'));
  const head = words(before);
  const rest = after === undefined ? [] : words(after);
  const missing = 8 - head.length - rest.length;
  if ((halves === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...head, ...Array(halves === 2 ? missing : 0).fill('0'), ...rest];
  if (!all.every((w) => /^[0-9a-f]{1,4}$/.test(w))) return undefined;
  return wordsOf(all.map((w) => parseInt(w, 16)), 8);
}

/**
 * Addresses DNS filters answer with to send users to their block page. Cisco Umbrella (OpenDNS)
 * answers blocked names with its block-page servers in 146.112.61.104–110 (`hit-block.opendns.com`
 * and siblings; documented by Umbrella and by its customers' IT pages). Field-observed blocking DNS
 * answers from OONI's fingerprints can be added through `extra`.
 */
const BLOCK_PAGE_ADDRESSES: readonly { test: (ip: string) => boolean; who: string }[] = [
  { test: (ip) => /^146\.112\.61\.(10[4-9]|110)$/.test(ip), who: 'Cisco Umbrella (OpenDNS) block page' },
];

/** The filter whose block-page address `ip` is, or undefined. */
export function blockPageAddressOwner(ip: string, extra: ReadonlyMap<string, string> = new Map()): string | undefined {
  return extra.get(ip) ?? BLOCK_PAGE_ADDRESSES.find((a) => a.test(ip))?.who;
}
