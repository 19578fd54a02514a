import { render } from 'preact';
import { DashboardApp } from '../../components/dashboard-app';
import { createPageApi } from '../../utils/ui/extension-api';
import '../../components/theme.css';
import '../../components/dashboard.css';
import '../../components/print.css';

// Mount only. `#audit=<id>` (from the popup) picks the audit to show.
const auditId = new URLSearchParams(location.hash.slice(1)).get('audit') ?? undefined;
render(<DashboardApp api={createPageApi()} {...(auditId ? { initialAuditId: auditId } : {})} />, document.getElementById('app')!);
