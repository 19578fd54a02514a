/**
 * Save text as a file through a temporary link (no `downloads` permission
 * needed). A page-side DOM helper, used by entrypoints, never by components.
 */
export function downloadText(fileName: string, mime: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoke later: revoking at once can cancel the download in Chromium.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
