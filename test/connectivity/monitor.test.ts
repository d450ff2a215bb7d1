import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../electron/api-client';
import { createConnectivityMonitor, type ConnectivityState, type ConnectivityTimers } from '../../electron/connectivity';
import { startSandbox } from '../../electron/sandbox';
import type { ApiFailure } from '../../shared/api';

/*
 * The monitor with a hand-driven timer queue: a test runs the next scheduled probe itself,
 * so backoff is asserted as the delays asked for, never by waiting.
 */

function manualTimers() {
  const queue: { id: number; ms: number; run: () => void }[] = [];
  let ids = 0;
  const timers: ConnectivityTimers = {
    setTimeout: (run, ms) => {
      queue.push({ id: ++ids, ms, run });
      return ids;
    },
    clearTimeout: (id) => {
      const at = queue.findIndex((t) => t.id === id);
      if (at >= 0) queue.splice(at, 1);
    },
  };
  return {
    timers,
    pending: () => queue.map((t) => t.ms),
    /** Fires the next timer and lets its probe settle. */
    async fire() {
      const next = queue.shift();
      if (!next) throw new Error('no timer scheduled');
      next.run();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

type Mode = 'up' | 'down' | 'bad-key';

/** A client whose gateway can be switched between up, down (connection refused) and a wrong key. */
function switchableClient() {
  let mode: Mode = 'up';
  let probes = 0;
  const fetchImpl: typeof fetch = async () => {
    probes++;
    if (mode === 'down') throw new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) });
    if (mode === 'bad-key') return new Response('{"status":401,"detail":"The API key is not valid"}', { status: 401, headers: { 'content-type': 'application/problem+json' } });
    return new Response('{}', { status: 200 });
  };
  const client = createApiClient({
    baseUrl: 'https://gw.example.test/APIGW',
    auth: { mode: 'apikey' },
    secrets: async () => ({ apiKey: 'k-123456' }),
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    fetch: fetchImpl,
  });
  return { client, set: (m: Mode) => void (mode = m), probes: () => probes };
}

function recorder() {
  const changes: [ConnectivityState, ApiFailure['kind'] | undefined][] = [];
  return { changes, onChange: (state: ConnectivityState, failure?: ApiFailure) => void changes.push([state, failure?.kind]) };
}

describe('connectivity monitor', () => {
  it('reports online, offline with capped backoff, online again, and unauthorized', async () => {
    const gateway = switchableClient();
    const clock = manualTimers();
    const seen = recorder();
    const monitor = createConnectivityMonitor({
      client: gateway.client,
      onChange: seen.onChange,
      timers: clock.timers,
      random: () => 1,
      backoff: { baseDelayMs: 1000, maxDelayMs: 4000 },
      onlineIntervalMs: 30_000,
    });
    expect(monitor.state).toBe('unknown');
    expect(await monitor.check()).toBe('online');
    expect(clock.pending()).toEqual([30_000]);

    gateway.set('down');
    await clock.fire();
    expect(monitor.state).toBe('offline');
    expect(monitor.lastFailure?.kind).toBe('network');
    // Re-probes while offline, doubling up to the cap.
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      delays.push(...clock.pending());
      await clock.fire();
    }
    expect(delays).toEqual([1000, 2000, 4000, 4000]);
    expect(seen.changes).toEqual([['online', undefined], ['offline', 'network']]);

    gateway.set('up');
    await clock.fire();
    expect(monitor.state).toBe('online');
    expect(clock.pending()).toEqual([30_000]);

    gateway.set('bad-key');
    expect(await monitor.check()).toBe('unauthorized');
    // A wrong credential does not fix itself: no automatic re-probe.
    expect(clock.pending()).toEqual([]);
    expect(seen.changes).toEqual([['online', undefined], ['offline', 'network'], ['online', undefined], ['unauthorized', 'unauthorized']]);
    monitor.stop();
  });

  it('shares a probe in flight, probes at once when a real request failed, and is silent after stop()', async () => {
    const gateway = switchableClient();
    const clock = manualTimers();
    const seen = recorder();
    const monitor = createConnectivityMonitor({ client: gateway.client, onChange: seen.onChange, timers: clock.timers });
    await Promise.all([monitor.check(), monitor.check(), monitor.check()]);
    expect(gateway.probes()).toBe(1);

    gateway.set('down');
    monitor.reportFailure({ kind: 'network', message: 'lost' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(monitor.state).toBe('offline');
    expect(gateway.probes()).toBe(2);

    monitor.stop();
    expect(clock.pending()).toEqual([]);
    gateway.set('up');
    await monitor.check();
    expect(seen.changes).toEqual([['online', undefined], ['offline', 'network']]);
  });

  it('follows a real sandbox going away and coming back on the same port', async () => {
    let sandbox = await startSandbox({ customers: 1 });
    const { port } = sandbox;
    const client = createApiClient({
      baseUrl: sandbox.url,
      auth: { mode: 'apikey' },
      secrets: async () => ({ apiKey: sandbox.credentials.apiKey }),
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const clock = manualTimers();
    const seen = recorder();
    const monitor = createConnectivityMonitor({ client, onChange: seen.onChange, timers: clock.timers });
    try {
      expect(await monitor.check()).toBe('online');
      await sandbox.close();
      expect(await monitor.check()).toBe('offline');
      sandbox = await startSandbox({ customers: 1, port });
      await clock.fire();
      await vi.waitFor(() => expect(monitor.state).toBe('online'));
      expect(seen.changes).toEqual([['online', undefined], ['offline', 'network'], ['online', undefined]]);
    } finally {
      monitor.stop();
      await sandbox.close();
    }
  });
});
