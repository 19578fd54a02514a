/**
 * The PAC script that sends only proxied hosts to squid. Chromium's --host-resolver-rules do not
 * apply to proxied requests (the proxy resolves), so a global --proxy-server would break every
 * other treatment; a PAC keeps DNS/TCP/TLS treatments DIRECT and mapped.
 */
export function pacScript(proxiedHosts: string[], squidPort: number): string {
  const table = JSON.stringify(Object.fromEntries(proxiedHosts.map((h) => [h, true])));
  return `function FindProxyForURL(url, host) {
  var proxied = ${table};
  if (proxied[host]) return "PROXY 127.0.0.1:${squidPort}";
  return "DIRECT";
}
`;
}
