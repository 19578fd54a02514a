import type { Catalog, Population } from '../../utils/catalog/types';
import type { Report } from '../../utils/report/types';
import type { CallEvidence } from '../../utils/verdict/types';
import { iceServerAddress, parseIceServerUrl } from '../../utils/catalog/ice-url';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)} %`);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** The one piece of evidence that explains a service's verdict, short enough for a table cell. */
function evidenceOf(s: Report['services'][number]): string {
  if (s.verdict === 'reachable') return '';
  // The channel that decided: the blocked one for `partial`, else the first with the service's mechanism.
  const decisive =
    s.channels.find((c) => c.mechanism === s.mechanism && c.verdict === 'blocked') ??
    s.channels.find((c) => c.mechanism === s.mechanism && c.verdict !== 'reachable') ??
    s.channels.find((c) => c.verdict !== 'reachable');
  if (!decisive) return '';
  const e = decisive.evidence;
  const where = s.verdict === 'partial' || s.verdict === 'throttled' ? `${decisive.channel}: ` : '';
  // Behind a portal the status is the portal's: say why nothing was judged instead.
  if (decisive.reason === 'sign-in-required' || decisive.reason === 'proxy-auth-required') return `${where}${decisive.reason.replace(/-/g, ' ')}`;
  if (decisive.reason === 'timeout-probe-timer') return `${where}no answer in ${(e.timings.totalMs / 1000).toFixed(1)} s`;
  if (e.throughput?.outcome === 'throttled') return `${where}${e.throughput.service.kBps} kB/s vs ${e.throughput.control?.kBps} kB/s for the control`;
  if (decisive.reason === 'call-silent') return `${where}call server silent for ${(e.timings.totalMs / 1000).toFixed(1)} s`;
  if (e.restriction) {
    const mode = e.restriction.service === 'youtube' ? 'YouTube Restricted Mode' : 'Google SafeSearch';
    return `${where}${mode}${e.restriction.level ? ` (${e.restriction.level})` : ''} forced ${e.restriction.via === 'page' ? '(YouTube says so)' : `by ${e.restriction.via === 'dns' ? 'DNS' : 'proxy header'}`}`;
  }
  return where + (e.fingerprint?.vendor ?? e.netError ?? (e.status ? `HTTP ${e.status}` : decisive.reason));
}

/** The audit as a plain-text table: one line per service, then the gap score. */
export function formatReport(report: Report, population: Population): string {
  const header = ['service', 'category', `share (${population})`, 'verdict', 'mechanism', 'evidence'];
  const rows = report.services.map((s) => {
    const figure = s.usage.find((u) => u.population === population);
    return [s.name, s.category, pct(figure?.share), s.verdict, s.mechanism ?? '', evidenceOf(s)];
  });
  const lines = [table([header, ...rows]), ''];
  if (report.control.signIn) {
    lines.push(signInLine(report.control.signIn));
    lines.push(`(${report.control.reason ?? 'the control hosts were answered by someone else'}) Every network verdict is inconclusive; no gap score.`);
  } else if (!report.control.ok) {
    lines.push(`Control failed: ${report.control.reason ?? 'no control host answered'} — every verdict is inconclusive.`);
  }
  const gap = report.gap.find((g) => g.population === population);
  if (gap) lines.push(formatGapLine(gap));
  return lines.join('\n');
}

/** The one instruction a sign-in-required run needs, naming who answered in the network's place. */
export function signInLine(signIn: NonNullable<Report['control']['signIn']>): string {
  const who = signIn.portalHost ? ` ${signIn.portalHost} answered in place of the connectivity checks.` : signIn.proxy ? ' The proxy asked for credentials.' : '';
  return `Sign-in required: sign in to the network (or the proxy), then run the audit again.${who}`;
}

/** "TURN worldaz.tr.teams.microsoft.com:3478 (UDP)": the server a call probe tried, as the report names it. */
function callServerText(call: CallEvidence): string {
  // Reports before `server` existed keep only the URL, without its `?transport=`: a TURN URL is shown as it is.
  const server = call.server ?? (/^turns?:/i.test(call.url) ? undefined : parseIceServerUrl(call.url));
  return server ? `${server.protocol} ${iceServerAddress(server)} (${server.transport})` : call.url;
}

/**
 * The Calls section: per call service, the call verdict, its mechanism, the STUN/TURN server
 * tried, and the classifier's sentence, which says why (a reflexive candidate, silence while
 * another server answered, nothing answered at all). The service table alone hides a blocked or
 * inconclusive call behind a reachable page. With the audited catalog, a service whose catalog
 * has no call endpoint says why (its `noCall`), and one whose call was not probed says so.
 */
export function formatCalls(report: Report, catalog?: Catalog): string {
  const rows: string[][] = [];
  for (const s of report.services) {
    const call = s.channels.find((c) => c.evidence.call)?.evidence.call;
    const entry = catalog?.services.find((x) => x.id === s.id);
    if (call) rows.push([s.name, call.verdict, call.mechanism ?? '', callServerText(call), call.detail]);
    else if (entry?.channels.call) rows.push([s.name, 'not probed', '', entry.channels.call, 'no call probe ran in this browser']);
    else if (entry?.endpoints?.noCall) rows.push([s.name, 'not probed', '', '', entry.endpoints.noCall]);
  }
  if (!rows.length) return '';
  return ['Calls:', table([['service', 'call', 'mechanism', 'server tried', 'why'], ...rows])].join('\n');
}

export function formatGapLine(gap: Report['gap'][number]): string {
  return (
    `Gap score (${gap.population}): ${pct(gap.overall.blockedShare)} of customer usage is blocked, ` +
    `${pct(gap.overall.degradedShare)} degraded (throttled or partial); ` +
    `${gap.overall.weightedServices} services weighted, ${gap.overall.withoutFigure} without a published figure.`
  );
}
