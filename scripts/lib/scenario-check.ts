import type { Report } from '../../utils/report/types';
import type { Scenario } from '../../lab/types';

export interface ScenarioCheck {
  serviceId: string;
  name: string;
  expected: string;
  actual: string;
  ok: boolean;
}

const label = (verdict: string, mechanism?: string) => (mechanism ? `${verdict}/${mechanism}` : verdict);

/**
 * Compare each service's verdict with what the lab scenario says it must be.
 * Services the scenario does not mention are served normally, so they must be
 * reachable — or inconclusive when the network is down or wants a sign-in first.
 */
export function checkAgainstScenario(report: Report, scenario: Scenario): ScenarioCheck[] {
  return report.services.map((s) => {
    const entry = scenario.services[s.id];
    const unlisted = scenario.signIn ? 'inconclusive' : 'reachable';
    const expectedVerdict = scenario.networkDown ? 'inconclusive' : (entry?.expect.verdict ?? unlisted);
    const expectedMechanism = scenario.networkDown ? undefined : entry?.expect.mechanism;
    const expected = label(expectedVerdict, expectedMechanism);
    const actual = label(s.verdict, s.mechanism);
    return { serviceId: s.id, name: s.name, expected, actual, ok: expected === actual };
  });
}
