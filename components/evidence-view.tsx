import type { ChannelVerdict } from '../utils/verdict/types';
import type { ReportService } from '../utils/report/types';
import { channelLabel, mechanismLabel, reasonText, restrictionText, verdictLabel } from '../utils/i18n';
import { useI18n } from './i18n';
import { VerdictBadge } from './verdict-badge';
import { TlsMarker, useInspectedBy } from './tls-marker';
import { ThroughputEvidenceView } from './throughput-evidence';
import { CallEvidenceView } from './call-evidence';
import { EvidenceRows } from './evidence-rows';

/**
 * Why each channel of a service got its verdict, in the browser's own words:
 * URL probed, network error, HTTP status, final host, block page matched,
 * redirects and timings, TLS inspection (Firefox), media throughput against the
 * control, the call server's answer — what IT needs to trust (or dispute) a verdict.
 * The rule is explained in the page's language; `detail` is the report's English sentence.
 */
export function EvidenceView({ service, id }: { service: ReportService; id: string }) {
  const { t } = useI18n();
  return (
    <section id={id} class="evidence" aria-label={t('evidenceTitle', service.name)} data-testid={`evidence-${service.id}`}>
      {service.channels.map((c) => (
        <ChannelEvidence key={c.channel} channel={c} />
      ))}
    </section>
  );
}

function ChannelEvidence({ channel: c }: { channel: ChannelVerdict }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const inspectedBy = useInspectedBy();
  const e = c.evidence;
  const tls = e.tls?.inspected ? inspectedBy(e.tls) : e.tls?.rootBuiltIn ? t('tls_notInspected', e.tls.issuer ?? t('tls_unnamedRoot')) : undefined;
  const rows: [string, string | undefined][] = [
    [t('evidenceUrl'), e.url],
    [t('evidenceError'), e.netError],
    [t('evidenceStatus'), e.status === undefined ? undefined : String(e.status)],
    [t('evidenceFinalHost'), e.finalHost],
    [t('evidenceFingerprint'), e.fingerprint ? t('evidenceFingerprintValue', e.fingerprint.vendor, e.fingerprint.matched) : undefined],
    [t('evidenceRestriction'), e.restriction ? restrictionText(t, e.restriction) : undefined],
    [t('evidenceRedirects'), e.redirects?.length ? e.redirects.map((r) => `${r.status} → ${r.to}`).join('\n') : undefined],
    [
      t('evidenceTimings'),
      t('evidenceTimingsValue', e.timings.headersMs === undefined ? t('none') : fmt.duration(e.timings.headersMs), fmt.duration(e.timings.totalMs)),
    ],
    [t('tls_row'), tls],
    [t('evidenceRule'), c.reason],
    [t('evidenceDetail'), e.detail],
  ];
  return (
    <div class="channel-evidence">
      <h3>
        {channelLabel(t, c.channel)}: <VerdictBadge verdict={c.verdict} label={c.mechanism ? `${verdictLabel(t, c.verdict)} · ${mechanismLabel(t, c.mechanism)}` : undefined} />
        <TlsMarker tls={e.tls} />
      </h3>
      <p class="why" data-testid={`why-${c.channel}`}>
        <span class="visually-hidden">{t('evidenceWhy')}: </span>
        {reasonText(i18n, c.reason) ?? e.detail}
      </p>
      <EvidenceRows rows={rows} />
      {e.throughput && <ThroughputEvidenceView evidence={e.throughput} />}
      {e.call && <CallEvidenceView call={e.call} decided={e.call.reason === c.reason} />}
    </div>
  );
}
