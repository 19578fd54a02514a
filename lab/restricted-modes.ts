import type { LabAnswer } from './pages';

/**
 * YouTube's content-restrictions check page (youtube.com/check_content_restrictions) as it reads
 * on a network that forces Restricted Mode — wording from users behind such networks, see
 * docs/restricted-modes.md. The lab cannot answer from Google's real restrict addresses (this
 * machine answers those itself), so the lab's YouTube plays the restrict server's part: the
 * page is what tells the extension.
 */
export function restrictionCheckPage(via: 'dns' | 'header' | 'none', level: 'Strict' | 'Moderate' = 'Strict'): LabAnswer {
  const names = 'www.youtube.com, m.youtube.com, youtube.googleapis.com, youtubei.googleapis.com, www.youtube-nocookie.com';
  const body = `<!DOCTYPE html><html lang="en"><head><title>YouTube content restrictions settings</title></head><body>
<h1>Check if YouTube content restrictions are turned on</h1>
<h2>Restrictions on your organization network</h2><p>Restrictions on YouTube content set up by an administrator on your network</p>
<h3>DNS restrictions are ${via === 'dns' ? 'on' : 'off'}</h3>${via === 'dns' ? `<p>${level} restricted for ${names}</p>` : ''}
<h3>HTTP header restrictions are ${via === 'header' ? 'on' : 'off'}</h3>${via === 'header' ? `<p>${level} restricted for ${names}</p>` : ''}
<p>Managed by Organization administrator</p>
<h2>Restrictions on your personal account</h2><p>Optional restrictions set by your own account</p><h3>Restricted Mode off</h3><p>Managed by You</p>
</body></html>`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

/** What YouTube makes of a request's `YouTube-Restrict` header: its level when valid, else no restriction. */
export function headerRestriction(headers: Record<string, string>): 'Strict' | 'Moderate' | undefined {
  const value = (headers['youtube-restrict'] ?? '').trim().toLowerCase();
  return value === 'strict' ? 'Strict' : value === 'moderate' ? 'Moderate' : undefined;
}
