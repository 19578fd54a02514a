import type { ProbeFns } from '../probe/probe-fns';
import { ERROR_EVENT_WAIT_MS, type NetErrorTracker } from '../probe/net-error-tracker';
import { probeFetch } from '../probe/fetch-probe';
import { probeWebSocket } from '../probe/ws-probe';
import { probePolicy } from '../probe/policy-probe';
import { probeThroughput } from '../probe/throughput-probe';
import { createPolicyProbeDeps } from './policy-adapter';
import { localResolver } from './dns-adapter';
import { addDnsFacts } from '../probe/dns-facts';
import { resolvePublicly } from '../probe/doh';
import { isControl } from '../probe/probe-id';

/** The probes as they run in the extension: each network probe is matched with webRequest's error. */
export function createBrowserProbes(tracker: NetErrorTracker): ProbeFns {
  const local = localResolver();
  // Public resolvers get the probe's own time limit: on a slow network they are as slow as the rest.
  const dns = (timeoutMs: number) => ({ ...(local ? { local } : {}), public: (host: string) => resolvePublicly(host, fetch, timeoutMs) });
  return {
    async fetch(task, timeoutMs, hooks) {
      const request = tracker.begin(task.url);
      // The timer runs from the browser's start of the request (webRequest), not from our call.
      const probe = probeFetch({
        ...task,
        requestUrl: request.requestUrl,
        timeoutMs,
        started: request.started,
        startGraceMs: Math.min(timeoutMs, ERROR_EVENT_WAIT_MS),
        ...(hooks?.onFirstAnswer ? { onFirstAnswer: hooks.onFirstAnswer } : {}),
      });
      const observation = await tracker.finish(request, await probe);
      // The control hosts are judged by their answer alone; services' failures get their DNS facts.
      return isControl(task.serviceId) ? observation : addDnsFacts(observation, dns(timeoutMs));
    },
    async webSocket(task, timeoutMs, hooks) {
      const request = tracker.beginSocket(task.url);
      const observation = await probeWebSocket({ serviceId: task.serviceId, url: task.url, timeoutMs, ...(hooks?.onFirstAnswer ? { onFirstAnswer: hooks.onFirstAnswer } : {}) });
      // Chrome reports no webRequest error for a failed WebSocket (Firefox does): a short wait,
      // since the follow-up HTTPS probe of the host supplies the cause anyway.
      return tracker.finish(request, observation, observation.ws?.opened ? 0 : 300);
    },
    policy: (targets, timeoutMs, onBatch) => probePolicy(targets, createPolicyProbeDeps(), { timeoutMs, ...(onBatch ? { onBatch } : {}) }),
    // Throughput downloads are not matched with webRequest errors: a failing media host already
    // has its own fetch observation naming the error, and throughput only refines a host that answered.
    throughput: (task, headerTimeoutMs) => probeThroughput({ ...task, headerTimeoutMs }),
  };
}
