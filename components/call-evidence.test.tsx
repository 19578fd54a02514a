// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { CallObservation, Observation } from '../utils/probe/types';
import { classifyCall } from '../utils/verdict/webrtc-call';
import { renderComponent } from '../tests/unit/render-component';
import { CallEvidenceView } from './call-evidence';

// The call evidence as the dashboard shows it: what was sent to which server, in the page's language.
const call = (url: string, c: Partial<CallObservation>) => {
  const obs: Observation = {
    serviceId: 'teams-free', channel: 'realtime', kind: 'webrtc', url, startedAt: 0, redirects: [], timeoutMs: 5000,
    call: { candidateTypes: ['host'], errors: [], timedOut: false, ...c }, timings: { totalMs: 120, headersMs: 110 },
  };
  return classifyCall(obs, true);
};
const rows = (root: HTMLElement) => Object.fromEntries([...root.querySelectorAll('dl > div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

describe('call evidence: what was tried', () => {
  it.each([
    ['en', 'turn:worldaz.tr.teams.microsoft.com:3478?transport=udp', { candidateTypes: ['host', 'srflx'] }, 'Tried',
      'TURN Allocate and STUN Binding requests to worldaz.tr.teams.microsoft.com, port 3478, over UDP', /STUN Binding request with our public address/],
    ['fr', 'turn:worldaz.tr.teams.microsoft.com:3478?transport=udp', { candidateTypes: ['host', 'srflx'] }, 'Essayé',
      'Requêtes TURN Allocate et STUN Binding vers worldaz.tr.teams.microsoft.com, port 3478, en UDP', /requête STUN Binding avec notre adresse publique/],
    ['en', 'stun:stun.l.google.com:19302', { timedOut: true }, 'Tried', 'STUN Binding request to stun.l.google.com, port 19302, over UDP', /never answered/],
    ['fr', 'turn:turn.example.com:443?transport=tcp', { errors: [{ code: 401, text: 'Unauthorized' }] }, 'Essayé',
      'Requête TURN Allocate vers turn.example.com, port 443, en TCP', /refuse notre requête Allocate par un 401/],
  ] as const)('%s: %s', async (locale, url, observed, label, tried, sentence) => {
    const view = await renderComponent(<CallEvidenceView call={call(url, observed as Partial<CallObservation>)} />, locale);
    unmount = view.unmount;
    expect(rows(view.root)[label]).toBe(tried);
    expect(view.root.querySelector('[data-testid="call-sentence"]')?.textContent).toMatch(sentence);
    // No sentence calls a TURN server a STUN server, whatever the language.
    expect(view.root.textContent).not.toMatch(/STUN server turn|serveur STUN turn|STUN server returned|serveur STUN a renvoyé/);
  });
});
