import { useEffect, useRef, useState } from 'preact/hooks';
import type { AuditState } from '../utils/audit/state';
import type { Report } from '../utils/report/types';
import type { PageApi } from '../utils/ui/page-api';
import type { Settings } from '../utils/settings';
import { DEFAULT_AUDIT_OPTIONS } from '../utils/audit/settings';

/** How often a page re-reads a running audit. The state comes from IndexedDB, so it survives a closed popup. */
export const POLL_MS = 300;
/**
 * A running audit of more services than this has its report read again at most every
 * REPORT_EVERY_MS: a report of 2,000 services is rebuilt from every verdict, and a verdict lands
 * at nearly every poll. Smaller audits keep a report that follows every verdict.
 */
export const REPORT_EVERY_ABOVE = 100;
export const REPORT_EVERY_MS = 2000;

export interface AuditView {
  state: AuditState | null;
  report: Report | null;
  error?: string;
  /** Start an audit (or join the running one). */
  start(): Promise<void>;
}

/**
 * Follows the latest audit: reads it on open (a popup reopened mid-audit
 * finds the running one and shows its live progress), polls while it runs,
 * and re-reads the report whenever another service lands.
 */
export function useAudit(api: PageApi, settings: Settings | null, onFinished?: (auditId: string, startedHere: boolean) => void): AuditView {
  const [state, setState] = useState<AuditState | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string>();
  const startedHere = useRef<string | null>(null);
  const seen = useRef({ id: '', done: -1, status: '' });
  const lastReport = useRef(0);
  /** Restarts polling now (after a start). */
  const poll = useRef<() => void>(() => {});

  const refresh = async (auditId?: string) => {
    // A summary: the last verdicts only (the whole state of a large audit at every poll is work
    // the audited browser pays for, see SUMMARY_VERDICTS).
    const next = await api.getAuditState({ ...(auditId ? { auditId } : {}), summary: true });
    setState(next);
    if (!next) return next;
    const last = seen.current;
    if (last.id !== next.id || last.done !== next.done || last.status !== next.status) {
      const wasRunning = last.id === next.id && last.status === 'running';
      const sameRun = last.id === next.id && last.status === next.status;
      // While a large audit runs, its report (every service) is read again at most every REPORT_EVERY_MS.
      if (sameRun && next.status === 'running' && next.total > REPORT_EVERY_ABOVE && Date.now() - lastReport.current < REPORT_EVERY_MS) return next;
      seen.current = { id: next.id, done: next.done, status: next.status };
      lastReport.current = Date.now();
      setReport(await api.getReport({ auditId: next.id }));
      if (wasRunning && next.status !== 'running') onFinished?.(next.id, startedHere.current === next.id);
    }
    return next;
  };

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async () => {
      try {
        const next = await refresh(seen.current.id || undefined);
        setError(undefined);
        if (!stop && next?.status === 'running') timer = setTimeout(loop, POLL_MS);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    };
    void loop();
    poll.current = () => {
      clearTimeout(timer);
      void loop();
    };
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, []);

  return {
    state,
    report,
    ...(error ? { error } : {}),
    async start() {
      try {
        const { auditId, joined } = await api.startAudit({ trigger: 'user', options: { timeoutMs: settings?.timeoutMs ?? DEFAULT_AUDIT_OPTIONS.timeoutMs } });
        if (!joined) {
          startedHere.current = auditId;
          if (settings?.labelNetwork && settings.networkLabel) await api.setAuditNote({ auditId, networkLabel: settings.networkLabel });
        }
        seen.current = { id: auditId, done: -1, status: 'running' };
        poll.current();
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
  };
}
