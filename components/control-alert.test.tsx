// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { renderComponent } from '../tests/unit/render-component';
import { ControlAlert } from './control-alert';

// What the popup and the dashboard (popup-view, audit-summary) show above the verdicts when the
// connectivity control was answered by a sign-in portal or a proxy (docs/connectivity-checks.md).
let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

describe('control alert: sign-in required, said plainly in the page language', () => {
  it.each([
    ['en', { portalHost: 'portal.guest-wifi.example' }, 'Sign in to the network (or the proxy), then run the audit again.', 'portal.guest-wifi.example answered in place of the connectivity checks'],
    ['fr', { portalHost: 'portal.guest-wifi.example' }, 'Connectez-vous au réseau (ou au proxy), puis relancez l’audit.', 'portal.guest-wifi.example a répondu à la place des tests de connectivité'],
    ['en', { proxy: true }, 'Sign in to the network (or the proxy), then run the audit again.', 'The proxy asked for credentials'],
    ['fr', { proxy: true }, 'Connectez-vous au réseau (ou au proxy), puis relancez l’audit.', 'Le proxy a demandé des identifiants'],
  ] as const)('%s, %j', async (locale, signIn, instruction, who) => {
    const view = await renderComponent(<ControlAlert control={{ ok: false, signIn }} />, locale);
    unmount = view.unmount;
    const alert = view.root.querySelector('[data-testid="sign-in-required"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain(instruction);
    expect(alert?.textContent).toContain(who);
  });

  it('a control that worked shows nothing; one nobody answered says offline, not sign-in', async () => {
    const ok = await renderComponent(<ControlAlert control={{ ok: true }} />, 'en');
    expect(ok.root.textContent).toBe('');
    ok.unmount();
    const offline = await renderComponent(<ControlAlert control={{ ok: false }} />, 'en');
    unmount = offline.unmount;
    expect(offline.root.querySelector('[data-testid="sign-in-required"]')).toBeNull();
    expect(offline.root.querySelector('[data-testid="control-failed"]')).not.toBeNull();
  });
});
