import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CallProbeObservation } from './types';
import type { CallTarget } from './webrtc-probe';

/**
 * The one message between the background and the offscreen document, which exists only
 * because Chromium service workers have no RTCPeerConnection. Kept apart from the UI
 * protocol (`utils/messaging.ts`): pages never send it, and the background never handles it.
 */
export interface CallProtocolMap {
  /** Gather ICE candidates against every target at once; one observation per target, in order. */
  probeCalls(req: { targets: CallTarget[]; timeoutMs: number }): CallProbeObservation[];
}

export const { sendMessage: sendCallMessage, onMessage: onCallMessage } = defineExtensionMessaging<CallProtocolMap>();
