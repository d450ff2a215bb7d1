import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tokenPath } from '../../shared/api';
import { Auth, type AuthMode, type SandboxCredentials, type TokenGrant } from './auth';
import { Faults, type FaultControl, type FaultSettingsPatch } from './faults';
import { CustomerSelections } from './selections';
import { Persistence, type LoadResult } from './persistence';
import { createRouter } from './router';
import * as seed from './seed';
import { Stats, type SandboxStats } from './stats';
import type { SeedSource, Tenant } from './model';
import { Store } from './store';

/*
 * The Aptic-compatible sandbox: a plain node:http server (no framework: 36 routes come from the
 * shared route table and a framework's router would be a second one). It runs inside the
 * Electron main process for the Demo profile and standalone in tests and benchmarks, so it
 * must never import 'electron'.
 */

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: the admin endpoints have no credential. */
  host?: '127.0.0.1' | '::1' | 'localhost';
  /** The gateway base path; default '/demo/APIGW'. '' serves the API at the root. */
  basePath?: string;
  /** Seeded customers; default 500. */
  customers?: number;
  /** Seed of the generated data; default 1. */
  seed?: number;
  /** Lifetime of issued tokens; default 3600. */
  tokenLifetimeSeconds?: number;
  /** A JSON file that keeps changes across restarts (written atomically, debounced). */
  persistFile?: string;
  faults?: FaultSettingsPatch;
  /** Default: the fixed demo credentials (auth.ts). */
  credentials?: Partial<SandboxCredentials>;
  /** What authorizes an API request; default 'either' (a valid bearer token or a valid API key). */
  auth?: AuthMode;
  /** The clock for tokens and timestamps; tests pass a fake one to expire tokens without waiting. */
  clock?: () => number;
  /**
   * The GUIDs of records the sandbox creates (random by default). A test that replays a seed
   * passes a seeded source: where a new customer falls in the key order then never depends on
   * the run, so neither does anything chosen from the server's list afterwards.
   */
  newId?: () => string;
  /** Replaces the seed module (tests use a tiny stub). */
  seedSource?: SeedSource;
  /** Unexpected errors (a handler bug); default console.error. */
  onError?: (error: unknown) => void;
}

export interface Sandbox {
  /** Origin + base path: what a connection profile calls the base URL. */
  readonly url: string;
  /** http://127.0.0.1:PORT; the admin endpoints live here. */
  readonly origin: string;
  readonly tokenUrl: string;
  readonly port: number;
  readonly basePath: string;
  readonly credentials: Required<SandboxCredentials>;
  readonly authMode: AuthMode;
  readonly tenant: Tenant;
  /** The data, for tests: insert, update and delete customers directly, snapshot() for equality. */
  readonly store: Store;
  readonly faults: FaultControl;
  readonly stats: { get(): SandboxStats; reset(): void };
  /** The persist file and what happened to it on start ('set-aside': written for another seed or unreadable). */
  readonly persistence: { readonly file: string; readonly loaded: LoadResult } | undefined;
  /** Issues a token without HTTP (scope 'readonly' gives a token that gets 403 on writes). */
  issueToken(scope?: string): TokenGrant;
  /** Seeded data, default faults, zero stats; tokens stay valid. */
  reset(): void;
  /** Writes pending changes to the persist file (close() does this too). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const loopback = new Set(['127.0.0.1', '::1', 'localhost']);

function normalizeBasePath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/u, '');
  if (trimmed && !trimmed.startsWith('/')) throw new Error(`basePath must start with '/': ${path}`);
  return trimmed;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  if (!loopback.has(host)) throw new Error(`The sandbox listens on loopback only, not ${host}`);
  const basePath = normalizeBasePath(options.basePath ?? '/demo/APIGW');
  const clock = options.clock ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => console.error('sandbox:', error));
  const seedSettings = { seed: options.seed ?? 1, customers: options.customers ?? 500 };

  const store = new Store(options.seedSource ?? seed, seedSettings.customers, seedSettings.seed);
  const persistence = options.persistFile ? new Persistence(options.persistFile, store, seedSettings, 200, onError) : undefined;
  const loaded = await persistence?.load();
  if (persistence) store.onChange = () => persistence.schedule();

  const auth = new Auth(options.credentials ?? {}, options.auth ?? 'either', options.tokenLifetimeSeconds ?? 3600, clock);
  const faults = new Faults(options.faults ?? {}, () => auth.expireAll());
  const stats = new Stats();
  const reset = (): void => {
    store.reseed();
    faults.reset();
    stats.reset();
  };

  const server: Server = createServer(
    createRouter({
      basePath,
      auth,
      faults,
      stats,
      store,
      selections: new CustomerSelections(store, () => stats.selectionBuilt()),
      clock,
      newId: options.newId ?? randomUUID,
      onError,
      admin: { getFaults: () => faults.get(), setFaults: (patch) => faults.set(patch), reset, stats: () => stats.get() },
    }),
  );
  // Keep-alive sockets would hold close() open; tests start and stop many sandboxes.
  server.keepAliveTimeout = 2_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host === '::1' ? '[::1]' : host}:${port}`;
  return {
    url: origin + basePath,
    origin,
    tokenUrl: origin + basePath + tokenPath,
    port,
    basePath,
    credentials: auth.credentials,
    authMode: auth.mode,
    tenant: store.tenant,
    store,
    faults,
    stats: { get: () => stats.get(), reset: () => stats.reset() },
    persistence: persistence && loaded ? { file: persistence.file, loaded } : undefined,
    issueToken: (scope) => auth.issue(scope),
    reset,
    flush: async () => persistence?.flush(),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await persistence?.flush();
    },
  };
}
