/**
 * What every probe request looks like to the service it reaches: no cookie or
 * other credential of the employee's, no cached answer, no referrer, redirects
 * followed so the final host can be recorded. One definition, so the privacy
 * contract cannot drift between the probes.
 */
export const PROBE_REQUEST: Readonly<RequestInit> = {
  credentials: 'omit',
  cache: 'no-store',
  redirect: 'follow',
  referrerPolicy: 'no-referrer',
};
