import { createMemoryLock, webLock, type Lock } from './locks';

/*
 * When sync runs: at start, when the main process reports the network is back, on an
 * interval, and when the user asks. Triggers that arrive while a run is going coalesce into
 * ONE follow-up run (an edit made during a push is then sent without waiting for the interval),
 * and a lock keeps one sync loop across windows. The interval restarts after every run, so a
 * manual sync does not leave an interval run right behind it.
 */

export type SyncTrigger = 'start' | 'reconnect' | 'interval' | 'manual';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerOptions {
  run: (signal: AbortSignal) => Promise<void>;
  intervalMs: number;
  /** Default: the Web Locks API, else an in-process lock. */
  lock?: Lock | undefined;
  lockName?: string | undefined;
  timers?: Timers | undefined;
  /** A run that threw; the scheduler goes on (the engine reports its own failures in status). */
  onError?: ((error: unknown) => void) | undefined;
}

export interface SyncScheduler {
  start(): void;
  trigger(reason: SyncTrigger): void;
  /** Cancels the running sync (its signal aborts) and stops; resolves once it has settled. */
  stop(): Promise<void>;
  /** Resolves when no run is going or due (tests, shutdown). */
  idle(): Promise<void>;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export function createSyncScheduler(options: SchedulerOptions): SyncScheduler {
  const timers = options.timers ?? realTimers;
  const lock = options.lock ?? webLock() ?? createMemoryLock();
  const lockName = options.lockName ?? 'fieldbook-sync';
  let started = false;
  let timer: unknown;
  let loop: Promise<void> | null = null;
  /** A trigger arrived that no run has answered yet: all such triggers make ONE run. */
  let due = false;
  let controller: AbortController | null = null;

  const arm = (): void => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = started ? timers.setTimeout(() => trigger('interval'), options.intervalMs) : undefined;
  };

  async function runLoop(): Promise<void> {
    while (started && due) {
      due = false;
      controller = new AbortController();
      const { signal } = controller;
      try {
        await lock(lockName, () => (signal.aborted ? Promise.resolve() : options.run(signal)));
      } catch (error) {
        options.onError?.(error);
      }
      controller = null;
      arm();
    }
    loop = null;
  }

  // The reason is not needed to decide (every trigger asks for the same sync); it names the call sites.
  function trigger(_reason: SyncTrigger): void {
    if (!started) return;
    due = true;
    loop ??= runLoop();
  }

  return {
    start() {
      if (started) return;
      started = true;
      trigger('start');
    },
    trigger,
    async stop() {
      started = false;
      due = false;
      controller?.abort();
      arm();
      await loop;
    },
    async idle() {
      while (loop) await loop;
    },
  };
}
