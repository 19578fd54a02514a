import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { catalogId } from '../catalog/label-rules';
import { CONTROL_SERVICE_ID, CONTROLS, isControl, probeKey } from './probe-id';

describe('probe identities', () => {
  it('keys observations as audits already stored them (service:channel:kind)', () => {
    expect(probeKey({ serviceId: 'youtube', channel: 'media', kind: 'throughput' })).toBe('youtube:media:throughput');
    expect(Object.fromEntries(Object.entries(CONTROLS).map(([name, id]) => [name, probeKey(id)]))).toEqual({
      connectivity: '_control:page:fetch',
      throughput: '_control:media:throughput',
      call: '_control:realtime:webrtc',
    });
  });

  it('reserves the controls’ service id: no catalog id can take it', () => {
    expect(v.safeParse(catalogId(), CONTROL_SERVICE_ID).success).toBe(false);
    expect(isControl(CONTROL_SERVICE_ID)).toBe(true);
    expect(isControl('control')).toBe(false);
  });
});
