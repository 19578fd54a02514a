import type { Observation } from '../probe/types';
import { callReached, isServerAnswer } from '../probe/webrtc-probe';
import type { CallEvidence, ChannelVerdict, Mechanism, Verdict } from './types';
import { evidenceOf } from './classify-observation';

/**
 * Classify one WebRTC call probe. A server-reflexive or relayed candidate, or a STUN/TURN
 * error response (401 from a TURN server we hold no credentials for), proves packets reach
 * the server and come back. Silence is `blocked` only when some STUN/TURN server answered
 * in the same run (`callControlOk`): otherwise UDP may be banned outright, or the machine
 * may have a public address, which hides reflexive candidates — inconclusive then.
 */
export function classifyCall(obs: Observation, callControlOk: boolean): CallEvidence {
  const call = obs.call ?? { candidateTypes: [], errors: [], timedOut: true };
  const base = {
    url: obs.url,
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
  if (call.unsupported) return finding('inconclusive', 'call-unsupported', `Calls could not be tested in this browser (${call.unsupported}).`);
  if (callReached(call)) {
    if (call.candidateTypes.includes('relay')) return finding('reachable', 'call-relay', `The TURN server ${obs.url} relayed a candidate: calls can reach it.`);
    if (call.candidateTypes.includes('srflx') || call.candidateTypes.includes('prflx')) {
      return finding('reachable', 'call-srflx', `The STUN server ${obs.url} returned our public address (server-reflexive candidate): UDP calls can reach it.`);
    }
    const answer = call.errors.find((e) => isServerAnswer(e.code));
    return finding('reachable', 'call-server-answered', `The server ${obs.url} answered (${answer?.code} ${answer?.text.replace(/\.$/, '')}): packets reach it and come back.`);
  }
  const lookup = call.errors.find((e) => e.code === 701 && /lookup/i.test(e.text));
  if (!callControlOk) {
    return finding('inconclusive', 'call-no-control', `No STUN/TURN server answered in this run, the control included: UDP may be blocked outright, or this network needs no NAT; calls to ${obs.url} cannot be judged.`);
  }
  if (lookup) return finding('blocked', 'call-lookup-failed', `The name of the call server ${obs.url} did not resolve (${lookup.code} ${lookup.text.replace(/\.$/, '')}), while another call server answered.`, 'dns');
  return finding('blocked', 'call-silent', `The call server ${obs.url} never answered within ${obs.timeoutMs} ms while another call server answered in the same run: its packets are dropped, so calls are blocked.`, 'timeout');
}

/**
 * Fold the call finding into the realtime channel. Chat (WebSocket) and calls are
 * different functions, so a blocked one makes the channel blocked; otherwise the
 * WebSocket decides when there is one, and the call finding rides along as evidence.
 */
export function withCall(base: ChannelVerdict | undefined, callObs: Observation, call: CallEvidence): ChannelVerdict {
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
