import { probeThroughput } from './throughput-probe';
import type { Observation } from './types';

/**
 * The throughput probe as the extension runs it. Its downloads are not matched with
 * webRequest errors: a failing media host already has its own fetch observation naming
 * the error, and throughput only ever refines a host that answered.
 */
export function browserThroughput(task: { serviceId: string; url: string }, headerTimeoutMs: number): Promise<Observation> {
  return probeThroughput({ ...task, headerTimeoutMs });
}
