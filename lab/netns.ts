import { execFileSync } from 'node:child_process';

/** Runs a command and returns its output; throws with its stderr on failure. */
export const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' }).toString();

/** A network namespace joined to this one by a veth pair. */
export interface VethNamespace {
  ns: string;
  hostIf: string;
  nsIf: string;
  /** Our side's address with its prefix (`10.1.2.1/24`). */
  hostAddress: string;
  /** The namespace side's addresses with their prefixes. */
  nsAddresses: readonly string[];
}

/**
 * Creates the namespace and the pair, addresses and brings up both ends (and the namespace's
 * loopback); returns a runner for commands inside it. Deleting the namespace (`ip netns del`)
 * removes the pair too. Used by the call lab and Google's restrict address (call-lab.ts, restrict-vip.ts).
 */
export function addVethNamespace(v: VethNamespace): (...args: string[]) => string {
  const inNs = (...args: string[]) => sh('ip', ['netns', 'exec', v.ns, ...args]);
  sh('ip', ['netns', 'add', v.ns]);
  sh('ip', ['link', 'add', v.hostIf, 'type', 'veth', 'peer', 'name', v.nsIf]);
  sh('ip', ['link', 'set', v.nsIf, 'netns', v.ns]);
  // No IPv6 link-local address on our side: its duplicate-address check ends a second or two
  // after the link comes up, and that address change reaches a running Chromium as a network
  // change, failing its requests in flight with ERR_NETWORK_CHANGED (an audit read inconclusive).
  sh('ip', ['link', 'set', v.hostIf, 'addrgenmode', 'none']);
  sh('ip', ['addr', 'add', v.hostAddress, 'dev', v.hostIf]);
  sh('ip', ['link', 'set', v.hostIf, 'up']);
  for (const address of v.nsAddresses) inNs('ip', 'addr', 'add', address, 'dev', v.nsIf);
  inNs('ip', 'link', 'set', v.nsIf, 'up');
  inNs('ip', 'link', 'set', 'lo', 'up');
  return inNs;
}
