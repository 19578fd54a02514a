/**
 * Run async tasks with at most `limit` in flight, calling `onResult` as each
 * finishes (so results can be stored the moment they land).
 */
export async function runPool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
  onResult: (result: R, item: T) => void | Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      const result = await task(item);
      await onResult(result, item);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
}
