import { describe, expect, it } from 'vitest';
import { createMemoryLock } from '../../renderer/src/sync/locks';
import { createSyncScheduler, type Timers } from '../../renderer/src/sync/scheduler';

/** A run the test finishes by hand. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Timers that fire only when the test says so. */
function manualTimers() {
  const armed = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => (armed.set(++next, { fn, ms }), next),
    clearTimeout: (handle) => void armed.delete(handle as number),
  };
  return {
    timers,
    delays: () => [...armed.values()].map((t) => t.ms),
    fireAll: () => {
      const due = [...armed.values()];
      armed.clear();
      for (const t of due) t.fn();
    },
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createSyncScheduler', () => {
  it('runs on start, and coalesces every trigger during a run into ONE follow-up run', async () => {
    const gates = [gate(), gate()];
    let runs = 0;
    const scheduler = createSyncScheduler({
      intervalMs: 60_000,
      lock: createMemoryLock(),
      timers: manualTimers().timers,
      run: async () => void (await gates[runs++]?.promise),
    });
    scheduler.start();
    await tick();
    expect(runs).toBe(1);
    scheduler.trigger('manual');
    scheduler.trigger('reconnect');
    scheduler.trigger('interval');
    scheduler.trigger('manual');
    await tick();
    expect(runs, 'nothing starts while a run is going').toBe(1);
    gates[0]!.open();
    await tick();
    expect(runs).toBe(2);
    gates[1]!.open();
    await scheduler.idle();
    expect(runs).toBe(2);
    await scheduler.stop();
  });

  it('runs on its interval, restarting the interval after every run', async () => {
    const clock = manualTimers();
    let runs = 0;
    const scheduler = createSyncScheduler({ intervalMs: 30_000, lock: createMemoryLock(), timers: clock.timers, run: async () => void runs++ });
    scheduler.start();
    await scheduler.idle();
    expect(clock.delays()).toEqual([30_000]);
    clock.fireAll();
    await scheduler.idle();
    expect(runs).toBe(2);
    scheduler.trigger('manual');
    await scheduler.idle();
    expect(runs).toBe(3);
    expect(clock.delays(), 'one interval armed, counted from the last run').toEqual([30_000]);
    await scheduler.stop();
    expect(clock.delays()).toEqual([]);
  });

  it('keeps ONE sync loop between two schedulers (two windows) sharing a lock', async () => {
    const lock = createMemoryLock();
    let inside = 0;
    let most = 0;
    const order: string[] = [];
    const make = (name: string) =>
      createSyncScheduler({
        intervalMs: 60_000,
        lock,
        timers: manualTimers().timers,
        run: async () => {
          inside++;
          most = Math.max(most, inside);
          order.push(`${name} in`);
          await tick();
          await tick();
          order.push(`${name} out`);
          inside--;
        },
      });
    const [a, b] = [make('a'), make('b')];
    a.start();
    b.start();
    a.trigger('manual');
    b.trigger('reconnect');
    await Promise.all([a.idle(), b.idle()]);
    expect(most).toBe(1);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out', 'a in', 'a out', 'b in', 'b out']);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('stop() cancels the running sync, and nothing runs after it', async () => {
    let seen: AbortSignal | undefined;
    let runs = 0;
    const scheduler = createSyncScheduler({
      intervalMs: 60_000,
      lock: createMemoryLock(),
      timers: manualTimers().timers,
      run: (signal) => {
        runs++;
        seen = signal;
        return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      },
    });
    scheduler.start();
    await tick();
    scheduler.trigger('manual');
    await scheduler.stop();
    expect(seen?.aborted).toBe(true);
    scheduler.trigger('manual');
    await scheduler.idle();
    expect(runs).toBe(1);
  });

  it('goes on after a run fails', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const scheduler = createSyncScheduler({
      intervalMs: 60_000,
      lock: createMemoryLock(),
      timers: manualTimers().timers,
      onError: (error) => errors.push(error),
      run: async () => {
        if (++runs === 1) throw new Error('offline');
      },
    });
    scheduler.start();
    await scheduler.idle();
    scheduler.trigger('manual');
    await scheduler.idle();
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
    await scheduler.stop();
  });
});

describe('createMemoryLock', () => {
  it('runs holders of one name one after another, even when one fails, and other names side by side', async () => {
    const lock = createMemoryLock();
    const log: string[] = [];
    const hold = (label: string, fail = false) => async () => {
      log.push(`${label} in`);
      await tick();
      log.push(`${label} out`);
      if (fail) throw new Error(label);
    };
    const results = await Promise.allSettled([lock('x', hold('1', true)), lock('x', hold('2')), lock('y', hold('3'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log.indexOf('2 in')).toBeGreaterThan(log.indexOf('1 out'));
    expect(log.indexOf('3 in')).toBeLessThan(log.indexOf('1 out'));
  });
});
