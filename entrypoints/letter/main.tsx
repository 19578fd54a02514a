import { render } from 'preact';
import { LetterApp } from '../../components/letter/letter-app';
import { createPageApi } from '../../utils/ui/extension-api';
import '../../components/theme.css';
import '../../components/letter/letter.css';

// Mount only. `#audit=<id>` (from the dashboard or the popup) picks the audit; else the latest.
const auditId = new URLSearchParams(location.hash.slice(1)).get('audit') ?? undefined;
render(
  <LetterApp api={createPageApi()} {...(auditId ? { auditId } : {})} copy={(text) => navigator.clipboard.writeText(text)} />,
  document.getElementById('app')!,
);
