/**
 * The control: hosts that operating systems and browsers use for their own
 * connectivity checks, so corporate filters almost never block them. If none of
 * them answers in the same run, the network itself is down and no service can
 * honestly be called blocked.
 */
export const CONTROL_URLS: readonly string[] = [
  'https://connectivitycheck.gstatic.com/generate_204',
  'https://detectportal.firefox.com/success.txt',
  'https://www.msftconnecttest.com/connecttest.txt',
  'https://captive.apple.com/hotspot-detect.html',
];
