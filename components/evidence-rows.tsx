/**
 * Evidence as a definition list: one term and its raw value (URL, error string,
 * status…) per row, in code type because these are what IT copies into a ticket.
 * Rows without a value are left out.
 */
export function EvidenceRows({ rows }: { rows: [string, string | undefined][] }) {
  return (
    <dl>
      {rows
        .filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '')
        .map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>
              <code>{value}</code>
            </dd>
          </div>
        ))}
    </dl>
  );
}
