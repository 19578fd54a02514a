import type { CallProbeObservation } from '../probe/types';
import { callReached, isServerAnswer } from '../probe/webrtc-probe';
import type { CallEvidence, ChannelVerdict, Mechanism, Verdict } from './types';
import { iceRequests, iceServerAddress, parseIceServerUrl, type IceServer } from '../catalog/ice-url';
import { evidenceOf } from './classify-observation';

/**
 * Classify one WebRTC call probe. A server-reflexive or relayed candidate, or a STUN/TURN
 * error response (401 from a TURN server we hold no credentials for), proves packets reach
 * the server and come back. Silence is `blocked` only when some STUN/TURN server answered
 * in the same run (`callControlOk`): otherwise UDP may be banned outright, or the machine
 * may have a public address, which hides reflexive candidates — inconclusive then.
 */
export function classifyCall(obs: CallProbeObservation, callControlOk: boolean): CallEvidence {
  const { call } = obs;
  const server = parseIceServerUrl(obs.url);
  const base = {
    url: obs.url,
    ...(server ? { server } : {}),
    candidateTypes: call.candidateTypes,
    errors: call.errors,
    ...(obs.timings.headersMs !== undefined ? { answerMs: obs.timings.headersMs } : {}),
  };
  const finding = (verdict: Verdict, reason: string, detail: string, mechanism?: Mechanism): CallEvidence => ({
    ...base,
    verdict,
    reason,
    detail,
    ...(mechanism ? { mechanism } : {}),
  });
  const words = callWords(obs.url, server);
  const the = `The ${words.server}`;
  if (call.unsupported) return finding('inconclusive', 'call-unsupported', `Calls could not be tested in this browser (${call.unsupported}).`);
  if (callReached(call)) {
    if (call.candidateTypes.includes('relay')) return finding('reachable', 'call-relay', `${the} relayed a candidate in answer to our TURN Allocate request: calls can reach it.`);
    if (call.candidateTypes.includes('srflx') || call.candidateTypes.includes('prflx')) {
      return finding('reachable', 'call-srflx', `${the} answered our STUN Binding request with our public address (server-reflexive candidate): UDP calls can reach it.`);
    }
    const answer = call.errors.find((e) => isServerAnswer(e.code));
    // With no valid credentials a TURN server refuses the Allocate with 401 (RFC 8656 long-term credentials).
    const request = server?.protocol === 'TURN' ? 'our TURN Allocate request' : 'our request';
    return finding('reachable', 'call-server-answered', `${the} answered ${request} (${answer?.code} ${answer?.text.replace(/\.$/, '')}): packets reach it and come back.`);
  }
  const lookup = call.errors.find((e) => e.code === 701 && /lookup/i.test(e.text));
  if (!callControlOk) {
    return finding('inconclusive', 'call-no-control', `No STUN/TURN server answered in this run, the control included: UDP may be blocked outright, or this network needs no NAT; calls to the ${words.server} cannot be judged.`);
  }
  if (lookup) return finding('blocked', 'call-lookup-failed', `The name of the ${words.server} did not resolve (${lookup.code} ${lookup.text.replace(/\.$/, '')}), while another call server answered.`, 'dns');
  return finding('blocked', 'call-silent', `${the} never answered ${words.tried} within ${obs.timeoutMs} ms while another call server answered in the same run: its packets are dropped, so calls are blocked.`, 'timeout');
}

/**
 * The server and the requests sent to it, named as tried: "TURN server h:3478 (UDP)" and "our TURN
 * Allocate and STUN Binding requests" (iceRequests). A URL we cannot parse is named as written.
 */
function callWords(url: string, server: IceServer | undefined): { server: string; tried: string } {
  if (!server) return { server: `call server ${url}`, tried: 'our requests' };
  const requests = iceRequests(server);
  return {
    server: `${server.protocol} server ${iceServerAddress(server)} (${server.transport})`,
    tried: `our ${requests.join(' and ')} request${requests.length > 1 ? 's' : ''}`,
  };
}

/**
 * Fold the call finding into the realtime channel. Chat (WebSocket) and calls are
 * different functions, so a blocked one makes the channel blocked; otherwise the
 * WebSocket decides when there is one, and the call finding rides along as evidence.
 */
export function withCall(base: ChannelVerdict | undefined, callObs: CallProbeObservation, call: CallEvidence): ChannelVerdict {
  if (!base || (call.verdict === 'blocked' && base.verdict !== 'blocked')) {
    return {
      channel: 'realtime',
      verdict: call.verdict,
      ...(call.mechanism ? { mechanism: call.mechanism } : {}),
      reason: call.reason,
      evidence: { ...evidenceOf(callObs, call.detail), call },
    };
  }
  return { ...base, evidence: { ...base.evidence, call } };
}
