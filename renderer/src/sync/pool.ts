/*
 * A small bounded worker pool over a queue that work may refill: a pull's key ranges go back
 * to the END of the queue after each page, so every range gets its first page (and with it
 * its total) before any range gets a second, and progress has its denominator early.
 */

/**
 * Runs `work` over `queue` with at most `concurrency` at a time. `work` may return an item to
 * append to the queue. The first error stops new work; once running work settles, it rethrows.
 */
export async function drainQueue<T>(
  queue: T[],
  concurrency: number,
  work: (item: T) => Promise<T | undefined>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure) {
      const item = queue.shift();
      if (item === undefined) return;
      try {
        const again = await work(item);
        if (again !== undefined) queue.push(again);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, queue.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure) throw failure.error;
}
