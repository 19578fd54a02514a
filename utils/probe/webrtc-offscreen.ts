import { browser } from 'wxt/browser';
import type { CallProbeObservation } from './types';
import { CALL_TIMEOUT_MS, probeCall, type CallTarget } from './webrtc-probe';
import { sendCallMessage } from './webrtc-messaging';

const OFFSCREEN_PATH = '/offscreen.html';

/** Chrome's offscreen API as far as we use it (absent in Firefox, whose background page has RTCPeerConnection). */
interface OffscreenApi {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?(): Promise<boolean>;
}

/**
 * Run the call probes where RTCPeerConnection exists: in place when the background has
 * it (Firefox), else in an offscreen document opened for the batch and closed after it.
 * Gathering runs in parallel, so the batch costs about one timeout at worst.
 */
export async function probeCallsInDocument(targets: CallTarget[], timeoutMs = CALL_TIMEOUT_MS): Promise<CallProbeObservation[]> {
  const budget = Math.min(timeoutMs, CALL_TIMEOUT_MS);
  if (typeof globalThis.RTCPeerConnection === 'function') return Promise.all(targets.map((t) => probeCall(t, budget)));
  const offscreen = (browser as unknown as { offscreen?: OffscreenApi }).offscreen;
  if (!offscreen) return Promise.all(targets.map((t) => probeCall(t, budget, undefined)));
  const open = (await offscreen.hasDocument?.().catch(() => false)) ?? false;
  if (!open) {
    await offscreen.createDocument({
      url: browser.runtime.getURL(OFFSCREEN_PATH as Parameters<typeof browser.runtime.getURL>[0]),
      reasons: ['WEB_RTC'],
      justification: 'Gather ICE candidates against STUN/TURN servers to test whether calls are possible from this network.',
    });
  }
  try {
    return await sendCallMessage('probeCalls', { targets, timeoutMs: budget });
  } finally {
    await offscreen.closeDocument().catch(() => {});
  }
}
