import { failureOf, type OperationName } from '../../shared/api';
import type { AuthState, BridgeEvent, ConnectivityReport } from '../../shared/ipc';
import type { ConnectionProfile } from '../../shared/profiles';
import type { ApiClient } from '../api-client';
import { createConnectivityMonitor, type ConnectivityMonitor, type ConnectivityOptions, type ConnectivityState } from '../connectivity';
import type { CredentialVault } from '../credentials';
import type { ProfileStore } from '../profiles';
import type { Sandbox } from '../sandbox';
import { createDemoSandbox, type DemoOptions } from './demo';
import { createProfileClient, lacksSecrets, type ClientTuning } from './profile-client';

/*
 * The active profile's runtime in the main process: its API client, its connectivity monitor,
 * and (for the Demo profile) the embedded sandbox. Exactly one runtime is live; switching
 * profiles stops the old monitor and drops the old client's token before the new one starts,
 * so no request or event of the old profile can be mistaken for one of the new.
 */

export type SessionEvent = Extract<BridgeEvent, { name: 'connectivity.changed' | 'auth.changed' }>;

export interface SessionOptions {
  readonly profiles: Pick<ProfileStore, 'active'>;
  readonly vault: Pick<CredentialVault, 'get' | 'has'>;
  readonly demo?: DemoOptions;
  readonly client?: ClientTuning;
  readonly connectivity?: Pick<ConnectivityOptions, 'backoff' | 'onlineIntervalMs' | 'timers' | 'random'>;
  readonly log?: (line: string) => void;
}

export interface Session {
  /** Connects the active profile and starts watching its gateway. */
  start(): Promise<void>;
  /** Runs an operation on the active profile; rejects with an ApiError. */
  call(operation: OperationName, params: unknown, body?: unknown, query?: unknown): Promise<unknown>;
  /** Probes the active profile's gateway now. */
  check(): Promise<ConnectivityReport>;
  /** Pings any profile's gateway once, with its own short-lived client; rejects with an ApiError. */
  test(profile: ConnectionProfile): Promise<{ latencyMs: number }>;
  /** Makes `profile` the live one (also after the active profile was edited). */
  activate(profile: ConnectionProfile): Promise<void>;
  /** After a secret of `profileId` was set or cleared: forget the token, and probe again. */
  credentialsChanged(profileId: string): Promise<void>;
  onEvent(listener: (event: SessionEvent) => void): () => void;
  activeProfileId(): string | undefined;
  demoSandbox(): Sandbox | undefined;
  /** Stops the monitor and shuts the demo sandbox down; the session cannot be used after. */
  close(): Promise<void>;
}

interface Runtime {
  readonly profile: ConnectionProfile;
  readonly client: ApiClient;
  readonly monitor: ConnectivityMonitor;
  auth?: AuthState;
}

export function createSession(options: SessionOptions): Session {
  const log = options.log ?? (() => undefined);
  const demo = createDemoSandbox(options.demo ?? {}, log);
  const deps = { vault: options.vault, demo, tuning: options.client ?? {}, log };
  const listeners = new Set<(event: SessionEvent) => void>();
  let current: Promise<Runtime> | undefined;
  let live: Runtime | undefined;
  let started = false;
  let closed = false;
  // Bumped by every switch: a runtime whose build finishes after a newer switch never goes live.
  let generation = 0;

  function emit(event: SessionEvent): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        log(`session: an event listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  async function build(profile: ConnectionProfile, built: number): Promise<Runtime> {
    if (closed) throw new Error('The session has been closed');
    const client = await createProfileClient(profile, deps);
    const runtime: Runtime = {
      profile,
      client,
      monitor: createConnectivityMonitor({
        ...options.connectivity,
        client,
        onChange: (state, failure) => {
          if (live !== runtime) return;
          emit({ name: 'connectivity.changed', payload: { state, profileId: profile.id, ...(failure ? { failure } : {}) } });
          void settleAuth(runtime, state);
        },
      }),
    };
    if (closed || built !== generation) {
      // Superseded while it was built: whoever asked for it gets it for one call, unmonitored.
      retire(runtime);
      return runtime;
    }
    live = runtime;
    log(`session: profile ${profile.id} (${profile.kind}) is active`);
    runtime.monitor.start();
    return runtime;
  }

  /** The live runtime, built on first use; a failed build (the sandbox did not start) is retried next time. */
  function runtime(profile?: ConnectionProfile): Promise<Runtime> {
    started = true;
    if (current) return current;
    const built = generation;
    const attempt = (profile ? Promise.resolve(profile) : options.profiles.active()).then((active) => build(active, built));
    current = attempt;
    attempt.catch((error: unknown) => {
      if (current === attempt) current = undefined;
      log(`session: the active profile could not be connected: ${error instanceof Error ? error.message : String(error)}`);
    });
    return attempt;
  }

  function retire(runtime: Runtime | undefined): void {
    if (!runtime) return;
    runtime.monitor.stop();
    runtime.client.clearToken();
    if (live === runtime) live = undefined;
  }

  /** auth.changed, once per change: a refused probe means missing secrets or wrong ones. */
  async function settleAuth(runtime: Runtime, state: ConnectivityState): Promise<void> {
    if (state === 'offline') return;
    const auth: AuthState =
      state === 'online' ? 'ok' : (await lacksSecrets(runtime.profile, options.vault)) ? 'needs-credentials' : 'rejected';
    if (live !== runtime || runtime.auth === auth) return;
    runtime.auth = auth;
    emit({ name: 'auth.changed', payload: { profileId: runtime.profile.id, state: auth } });
  }

  function report(runtime: Runtime, state: ConnectivityState): ConnectivityReport {
    const failure = state === 'online' ? undefined : runtime.monitor.lastFailure;
    return { state, profileId: runtime.profile.id, ...(failure ? { failure } : {}) };
  }

  async function check(): Promise<ConnectivityReport> {
    const rt = await runtime();
    const state = await rt.monitor.check();
    // The state may be unchanged (no onChange) while the reason changed, e.g. a secret was set but is wrong.
    await settleAuth(rt, state);
    return report(rt, state);
  }

  return {
    start: async () => void (await runtime()),

    async call(operation, params, body, query) {
      const rt = await runtime();
      const call = rt.client.call as (op: OperationName, ...args: unknown[]) => Promise<unknown>;
      try {
        const value = await call(operation, params, body, query);
        // A real request got through while the monitor believed otherwise: let it find out now.
        if (rt.monitor.state === 'offline' || rt.monitor.state === 'unauthorized') void rt.monitor.check();
        return value;
      } catch (error) {
        const failure = failureOf(error);
        if (failure) rt.monitor.reportFailure(failure);
        throw error;
      }
    },

    check,

    async test(profile) {
      const client = await createProfileClient(profile, deps, { retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
      const began = performance.now();
      try {
        await client.ops.ping({});
        return { latencyMs: Math.round(performance.now() - began) };
      } finally {
        client.clearToken();
      }
    },

    async activate(profile) {
      generation++;
      current = undefined;
      retire(live);
      // Not yet started (nothing has used the API): the new profile connects on first use.
      if (started && !closed) await runtime(profile).catch(() => undefined);
    },

    async credentialsChanged(profileId) {
      const rt = live;
      if (!rt || rt.profile.id !== profileId) return;
      rt.client.clearToken();
      rt.auth = undefined;
      await check().catch((error: unknown) => log(`session: re-check failed: ${error instanceof Error ? error.message : String(error)}`));
    },

    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    activeProfileId: () => live?.profile.id,
    demoSandbox: () => demo.current(),

    async close() {
      closed = true;
      generation++;
      current = undefined;
      retire(live);
      await demo.close();
    },
  };
}
