import { describe, expect, it } from 'vitest';
import type { Channel } from '../catalog/types';
import { classifyService } from './classify-service';
import type { ChannelVerdict, Mechanism, Verdict } from './types';

/** A channel verdict; `b:dns` = blocked by dns, `r` reachable, `t` throttled, `i` inconclusive. */
function cv(channel: Channel, code: string): ChannelVerdict {
  const [v, mechanism] = code.split(':') as [string, Mechanism | undefined];
  const verdict = ({ r: 'reachable', t: 'throttled', b: 'blocked', i: 'inconclusive' } as Record<string, Verdict>)[v]!;
  return {
    channel,
    verdict,
    ...(mechanism ? { mechanism } : {}),
    reason: 'test',
    evidence: { url: `https://${channel}.test/`, timings: { totalMs: 1 }, detail: 'Test.' },
  };
}

/** [page, media, realtime] codes ('-' = no such channel) → expected [verdict, mechanism]. */
const TABLE: [string, string, string, Verdict, Mechanism | undefined][] = [
  ['b:proxy', 'r', 'r', 'blocked', 'proxy'],
  ['b:policy', 'b:dns', '-', 'blocked', 'policy'],
  ['r', 'b:tcp', 'r', 'partial', 'tcp'],
  ['r', 'r', 'b:proxy', 'partial', 'proxy'],
  ['r', 'b:tls', 'b:dns', 'partial', 'tls'],
  ['t', 'r', '-', 'throttled', undefined],
  ['t', 'b:dns', '-', 'partial', 'dns'],
  ['r', 't', '-', 'throttled', undefined],
  ['r', 'r', 'r', 'reachable', undefined],
  ['r', 'i', 'i', 'reachable', undefined],
  ['r', '-', '-', 'reachable', undefined],
  ['i', 'r', 'r', 'inconclusive', undefined],
  ['i', 'b:dns', '-', 'inconclusive', undefined],
  ['-', 'b:dns', 'b:proxy', 'blocked', 'dns'],
  ['-', 'r', 'b:proxy', 'partial', 'proxy'],
  ['-', 'b:tcp', 'i', 'blocked', 'tcp'],
  ['-', 't', 'r', 'throttled', undefined],
  ['-', 'r', 'i', 'reachable', undefined],
  ['-', 'i', 'i', 'inconclusive', undefined],
  ['-', '-', '-', 'inconclusive', undefined],
];

describe('classifyService', () => {
  it.each(TABLE)('page %s, media %s, realtime %s ⇒ %s (%s)', (page, media, realtime, verdict, mechanism) => {
    const channels = (
      [['page', page], ['media', media], ['realtime', realtime]] as [Channel, string][]
    ).filter(([, code]) => code !== '-').map(([ch, code]) => cv(ch, code));
    const result = classifyService('whatsapp', channels);
    expect([result.verdict, result.mechanism]).toEqual([verdict, mechanism]);
    expect(result.serviceId).toBe('whatsapp');
    expect(result.channels).toEqual(channels);
  });

  it('a control failure (every channel inconclusive) makes the service inconclusive', () => {
    const channels = (['page', 'media', 'realtime'] as const).map((c) => ({ ...cv(c, 'i'), reason: 'control-failed' }));
    expect(classifyService('youtube', channels).verdict).toBe('inconclusive');
  });
});
