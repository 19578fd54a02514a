/** Hosts the PAC sends to one proxy on 127.0.0.1. */
export interface PacRoute {
  hosts: string[];
  port: number;
}

/**
 * The PAC script that sends only proxied hosts to their proxy (squid, or the TLS-inspecting
 * gateway). Chromium's --host-resolver-rules do not apply to proxied requests (the proxy
 * resolves), so a global --proxy-server would break every other treatment; a PAC keeps DNS/TCP/TLS
 * treatments DIRECT and mapped.
 */
export function pacScript(routes: readonly PacRoute[]): string {
  const table = JSON.stringify(Object.fromEntries(routes.flatMap((r) => r.hosts.map((h) => [h, `PROXY 127.0.0.1:${r.port}`]))));
  return `function FindProxyForURL(url, host) {
  var proxied = ${table};
  if (proxied[host]) return proxied[host];
  return "DIRECT";
}
`;
}
