import { failureOf, type ApiFailure } from '../../shared/api';
import type { ApiClient } from '../api-client';

/*
 * Whether the profile's gateway can be used right now, found by asking it (the `ping`
 * operation with the profile's real credentials) rather than by guessing from the OS's network
 * flag: a laptop on hotel Wi-Fi is "online" and still cannot sync. The sync engine and the UI
 * react to the transitions this reports.
 */

export type ConnectivityState = 'online' | 'offline' | 'unauthorized';

export interface ConnectivityTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ConnectivityOptions {
  readonly client: Pick<ApiClient, 'ops'>;
  /** Called on every change of state; `failure` says why when the state is not online. */
  readonly onChange: (state: ConnectivityState, failure?: ApiFailure) => void;
  /** Re-probing while offline: capped exponential backoff, half of it jittered. */
  readonly backoff?: { readonly baseDelayMs: number; readonly maxDelayMs: number };
  /** Re-probing while online, to notice a silent outage; 0 turns it off. */
  readonly onlineIntervalMs?: number;
  readonly timers?: ConnectivityTimers;
  readonly random?: () => number;
}

export interface ConnectivityMonitor {
  /** 'unknown' until the first probe has answered. */
  readonly state: ConnectivityState | 'unknown';
  readonly lastFailure: ApiFailure | undefined;
  /** Probes now and keeps probing on its own; calling it again does nothing. */
  start(): void;
  /** Probes now (sharing a probe already in flight) and resolves to the state it found; starts the monitor. */
  check(): Promise<ConnectivityState>;
  /** Tells the monitor that a real request failed; a failure that smells of an outage triggers a probe. */
  reportFailure(failure: ApiFailure): void;
  stop(): void;
}

export const defaultConnectivityBackoff = { baseDelayMs: 1_000, maxDelayMs: 60_000 };
export const defaultOnlineIntervalMs = 60_000;

const outageKinds = new Set<ApiFailure['kind']>(['network', 'timeout', 'server', 'unknown-outcome', 'unauthorized']);

/** What a failed probe means: a credential problem needs the user, anything else is an outage. */
function stateOf(failure: ApiFailure): ConnectivityState {
  return failure.kind === 'unauthorized' || failure.kind === 'forbidden' ? 'unauthorized' : 'offline';
}

export function createConnectivityMonitor(options: ConnectivityOptions): ConnectivityMonitor {
  const timers: ConnectivityTimers = options.timers ?? {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const backoff = options.backoff ?? defaultConnectivityBackoff;
  const onlineIntervalMs = options.onlineIntervalMs ?? defaultOnlineIntervalMs;
  const random = options.random ?? Math.random;

  let state: ConnectivityState | 'unknown' = 'unknown';
  let lastFailure: ApiFailure | undefined;
  // Started by start() or the first check(); stop() is final (a new profile gets a new monitor).
  let running = false;
  let stopped = false;
  let timer: unknown;
  let inFlight: Promise<ConnectivityState> | undefined;
  let offlineProbes = 0;

  function schedule(ms: number): void {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = undefined;
      void check();
    }, ms);
  }

  function nextDelay(failure: ApiFailure | undefined): number | undefined {
    if (state === 'online') return onlineIntervalMs > 0 ? onlineIntervalMs : undefined;
    // A wrong secret does not fix itself, and hammering a token endpoint can lock the client
    // out: wait for check() after the user has edited the profile.
    if (state === 'unauthorized') return undefined;
    const cap = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** Math.max(0, offlineProbes - 1));
    const delay = Math.round(cap / 2 + (random() * cap) / 2);
    return Math.max(delay, failure?.retryAfterMs ?? 0);
  }

  async function probe(): Promise<ConnectivityState> {
    let failure: ApiFailure | undefined;
    try {
      await options.client.ops.ping({});
    } catch (error) {
      failure = failureOf(error) ?? { kind: 'network', message: 'The connection check failed unexpectedly.' };
    }
    const found = failure ? stateOf(failure) : 'online';
    if (!running) return found;
    offlineProbes = found === 'offline' ? offlineProbes + 1 : 0;
    lastFailure = failure;
    if (found !== state) {
      state = found;
      options.onChange(found, failure);
    }
    const delay = nextDelay(failure);
    if (delay !== undefined) schedule(delay);
    return found;
  }

  function check(): Promise<ConnectivityState> {
    if (!stopped) running = true;
    if (timer !== undefined) {
      timers.clearTimeout(timer);
      timer = undefined;
    }
    inFlight ??= probe().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    get state() {
      return state;
    },
    get lastFailure() {
      return lastFailure;
    },
    start() {
      if (!running && !stopped) void check();
    },
    check,
    reportFailure(failure) {
      if (running && state === 'online' && outageKinds.has(failure.kind)) void check();
    },
    stop() {
      running = false;
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
