import type { AuditState } from '../../utils/audit/state';

/**
 * Progress on stderr: one rewritten line on a terminal, one line per change
 * otherwise (so CI logs are not flooded by every poll).
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  let last = -1;
  return (state: AuditState) => {
    if (state.done === last) return;
    last = state.done;
    const line = `${state.done}/${state.total} services checked`;
    const finished = state.done >= state.total;
    if (stream.isTTY) stream.write(`\r${line}${finished ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
}
