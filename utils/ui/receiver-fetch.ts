import { MAX_FILE_BYTES } from '../fleet/ingest';
import { readTextCapped } from '../http/read-capped';

/**
 * The fleet page reads IT's receiver (its aggregate API, or an NDJSON export) with the header IT
 * chose, never with the user's cookies, and no further than the largest NDJSON file the page opens:
 * a misconfigured URL that streams without end stops there instead of filling the page's memory.
 */
export async function fetchReceiverText(url: string, authorization?: string, fetchFn: typeof fetch = fetch, maxBytes = MAX_FILE_BYTES): Promise<string> {
  const response = await fetchFn(url, { credentials: 'omit', cache: 'no-store', ...(authorization ? { headers: { authorization } } : {}) });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return readTextCapped(response, maxBytes);
}
