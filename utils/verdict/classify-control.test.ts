import { describe, expect, it } from 'vitest';
import { classifyControl } from './classify-control';
import { errorObs, fetchObs, okObs } from '../../tests/fixtures/observations';

const GSTATIC = 'https://connectivitycheck.gstatic.com/generate_204';
const FIREFOX = 'https://detectportal.firefox.com/success.txt';

describe('classifyControl', () => {
  it('one control host answering 204 is enough', () => {
    const obs = [errorObs(FIREFOX, 'net::ERR_NAME_NOT_RESOLVED'), okObs(GSTATIC, 204)];
    expect(classifyControl(obs)).toEqual({ ok: true, observations: obs });
  });

  it.each([301, 403, 404, 503])('any status without proxy markers counts (%i)', (status) => {
    expect(classifyControl([okObs(GSTATIC, status)]).ok).toBe(true);
  });

  it('a proxy deny does not prove the network works', () => {
    const deny = okObs('http://captive.apple.com/hotspot-detect.html', 403, { headers: { 'x-squid-error': 'ERR_ACCESS_DENIED 0' } });
    expect(classifyControl([deny])).toEqual({
      ok: false,
      observations: [deny],
      reason: 'No control host answered: captive.apple.com (proxy answered HTTP 403 ERR_ACCESS_DENIED 0).',
    });
  });

  it('all control hosts failing ⇒ not ok, naming every error', () => {
    const obs = [
      errorObs(GSTATIC, 'net::ERR_INTERNET_DISCONNECTED'),
      fetchObs(FIREFOX, { timedOut: true, netError: 'net::ERR_ABORTED' }),
      fetchObs('https://www.msftconnecttest.com/connecttest.txt', { jsError: 'TypeError: Failed to fetch' }),
    ];
    expect(classifyControl(obs).reason).toBe(
      'No control host answered: connectivitycheck.gstatic.com (net::ERR_INTERNET_DISCONNECTED), ' +
        'detectportal.firefox.com (no answer within 15000 ms), www.msftconnecttest.com (TypeError: Failed to fetch).',
    );
    expect(classifyControl(obs).ok).toBe(false);
  });

  it('no observation ⇒ not ok', () => {
    expect(classifyControl([])).toEqual({ ok: false, observations: [], reason: 'No control host was probed.' });
  });
});
