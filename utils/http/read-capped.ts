/**
 * Read a response body as UTF-8 text, refusing it once it exceeds `maxBytes`: a
 * misconfigured or hostile URL (IT's catalog URL, a receiver) must not fill the
 * extension's memory. A declared `Content-Length` over the cap is refused before any
 * byte is read; otherwise reading stops at the first chunk past the cap.
 */
export async function readTextCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new Error(tooLarge(maxBytes));
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let total = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new Error(tooLarge(maxBytes));
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function tooLarge(maxBytes: number): string {
  const size = maxBytes >= 1024 * 1024 ? `${+(maxBytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(maxBytes / 1024)} kB`;
  return `the answer is larger than the ${size} limit`;
}
