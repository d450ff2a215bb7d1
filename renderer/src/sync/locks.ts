/*
 * One sync loop at a time, even with two windows on one profile: both would push the same
 * outbox and race on the same cache. The Web Locks API holds a lock across every window of the
 * origin; where it is missing (Node tests, a single window) an in-process lock does the same
 * within one JavaScript realm.
 */

/** Runs `fn` while holding the lock `name`; waits while another holder has it. */
export type Lock = (name: string, fn: () => Promise<void>) => Promise<void>;

/** The Web Locks API of this window, or undefined where there is none. */
export function webLock(): Lock | undefined {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!locks) return undefined;
  return async (name, fn) => {
    await locks.request(name, () => fn());
  };
}

/** A lock shared by everyone holding this object: callers of one name run strictly one after another. */
export function createMemoryLock(): Lock {
  const tails = new Map<string, Promise<void>>();
  return (name, fn) => {
    const previous = tails.get(name) ?? Promise.resolve();
    const run = previous.then(fn);
    // The next holder waits for this one however it ends; its failure is its caller's to see.
    const tail = run.catch(() => {});
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
    return run;
  };
}
