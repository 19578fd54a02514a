// Turns the `#` list of URLs into iframes, replacing the previous batch's; the background
// watches their navigation errors and sends the next batch as a new `#` list (docs/scale.md).
function loadFrames(): void {
  for (const old of document.querySelectorAll('iframe')) old.remove();
  const raw = decodeURIComponent(location.hash.slice(1));
  if (!raw) return;
  const urls: unknown = JSON.parse(raw);
  if (!Array.isArray(urls)) return;
  for (const url of urls) {
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) continue;
    const frame = document.createElement('iframe');
    // Belt and braces: our DNR rule blocks these frames before any request, but were it
    // ever missing, the frame would still send no cookie and no referrer. Where the browser
    // knows `credentialless` (Chromium), that is what keeps cookies out; `sandbox` there puts
    // every frame in a renderer process of its own (40 frames: ~26 processes, 2-3x the CPU and
    // wall time of the same frames unsandboxed, docs/scale.md), so it is set only where
    // `credentialless` is unknown.
    if (!('credentialless' in HTMLIFrameElement.prototype)) frame.setAttribute('sandbox', '');
    frame.setAttribute('credentialless', '');
    frame.referrerPolicy = 'no-referrer';
    frame.src = url;
    frame.width = frame.height = '1';
    document.body.append(frame);
  }
}
addEventListener('hashchange', loadFrames);
loadFrames();
