import { onCallMessage } from '../../utils/probe/webrtc-messaging';
import { probeCall } from '../../utils/probe/webrtc-probe';

// The offscreen document only gathers ICE candidates for the background (WEB_RTC reason).
onCallMessage('probeCalls', ({ data }) => Promise.all(data.targets.map((t) => probeCall(t, data.timeoutMs))));
