import { probeThroughput } from './throughput-probe';
import type { Observation } from './types';
import type { Discovery } from '../catalog/endpoint-schema';

/** One media host to measure; `discover` makes `url` the service's API that hands out the media URL. */
export interface ThroughputTask {
  serviceId: string;
  url: string;
  discover?: Discovery;
}

/**
 * The throughput probe as the extension runs it. Its downloads are not matched with
 * webRequest errors: a failing media host already has its own fetch observation naming
 * the error, and throughput only ever refines a host that answered.
 */
export function browserThroughput(task: ThroughputTask, headerTimeoutMs: number): Promise<Observation> {
  return probeThroughput({ ...task, headerTimeoutMs });
}
