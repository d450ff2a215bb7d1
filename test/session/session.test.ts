import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCredentialVault, type CredentialVault } from '../../electron/credentials';
import { createProfileStore, type ProfileStore } from '../../electron/profiles';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/sandbox';
import { createSession, type Session, type SessionEvent } from '../../electron/session';
import { ApiError, type ListPage, type OperationName } from '../../shared/api';
import type { ConnectionProfile } from '../../shared/profiles';
import { fakeSafeStorage, missingKeytar } from '../credentials/fake-safe-storage';

// The session on its own: the Demo sandbox started lazily and once, a switch to a real profile
// on a second sandbox, connectivity events when that gateway goes away and comes back, and
// auth events when its secrets change.

const gatewayCredentials = { clientId: 'session-test', clientSecret: 'session-secret-1', apiKey: 'session-key-1' };

let dir: string;
let store: ProfileStore;
let vault: CredentialVault;
let gateway: Sandbox;
let session: Session;
let events: SessionEvent[];
let demoStarts: Sandbox[];
let real: ConnectionProfile;

beforeAll(async () => {
  gateway = await startSandbox({ customers: 7, credentials: gatewayCredentials });
});
afterAll(async () => {
  await gateway.close();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldbook-session-'));
  vault = createCredentialVault({ dataDir: dir, platform: 'linux', loadKeytar: missingKeytar, safeStorage: fakeSafeStorage() });
  store = createProfileStore({ dir, vault });
  const created = await store.create({ name: 'Gateway', kind: 'aptic', baseUrl: gateway.url, authMode: 'oauth2', clientId: gatewayCredentials.clientId });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  real = created.value;
  await vault.set(real.id, 'clientSecret', gatewayCredentials.clientSecret);
  demoStarts = [];
  events = [];
  session = createSession({
    profiles: store,
    vault,
    demo: { customers: 12, start: async (options: SandboxOptions) => { const s = await startSandbox(options); demoStarts.push(s); return s; } },
    client: { timeoutMs: 2_000, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } },
    connectivity: { onlineIntervalMs: 0, backoff: { baseDelayMs: 30, maxDelayMs: 100 } },
  });
  session.onEvent((event) => events.push(event));
});

afterEach(async () => {
  await session.close();
  await rm(dir, { recursive: true, force: true });
});

const call = <T>(operation: OperationName, params: unknown = {}, body?: unknown, query?: unknown) =>
  session.call(operation, params, body, query) as Promise<T>;

async function eventually(match: (event: SessionEvent) => boolean, from = 0): Promise<SessionEvent> {
  for (let waited = 0; waited < 5_000; waited += 10) {
    const found = events.slice(from).find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no such event; got ${JSON.stringify(events)}`);
}

const connectivity = (profileId: string, state: string) => (e: SessionEvent) =>
  e.name === 'connectivity.changed' && e.payload.profileId === profileId && e.payload.state === state;
const auth = (profileId: string, state: string) => (e: SessionEvent) =>
  e.name === 'auth.changed' && e.payload.profileId === profileId && e.payload.state === state;

describe('the Demo profile', () => {
  it('starts the sandbox lazily, once, and serves its seeded data', async () => {
    expect(demoStarts).toHaveLength(0);
    const [page, again] = await Promise.all([
      call<ListPage<unknown>>('listCustomers', {}, undefined, { top: 5 }),
      call<ListPage<unknown>>('listCustomers', {}, undefined, { top: 100 }),
    ]);
    expect(page.value).toHaveLength(5);
    expect(again.total).toBe(12);
    expect(await session.check()).toEqual({ state: 'online', profileId: 'demo' });
    expect(demoStarts).toHaveLength(1);
    expect(session.demoSandbox()).toBe(demoStarts[0]);
    await eventually(auth('demo', 'ok'));
  });

  it('closes the sandbox on shutdown', async () => {
    await session.start();
    const sandbox = demoStarts[0] as Sandbox;
    await session.close();
    await expect(fetch(`${sandbox.origin}/`)).rejects.toThrow();
    await expect(session.check()).rejects.toThrow(/closed/u);
  });
});

describe('switching to a real profile', () => {
  it('stops the old runtime and connects the new one with the vault\'s secret', async () => {
    await session.start();
    await eventually(connectivity('demo', 'online'));
    const demoServed = demoStarts[0]?.stats.get().received;

    const from = events.length;
    await store.setActive(real.id);
    await session.activate(real);
    await eventually(connectivity(real.id, 'online'), from);
    await eventually(auth(real.id, 'ok'), from);
    const page = await call<ListPage<unknown>>('listCustomers');
    expect(page.total).toBe(7);
    expect(session.activeProfileId()).toBe(real.id);
    // Nothing more went to the demo sandbox after the switch, and the gateway got a token request.
    expect(demoStarts[0]?.stats.get().received).toBe(demoServed);
    expect(gateway.stats.get().token['200']).toBeGreaterThan(0);
    expect(events.slice(from).every((e) => e.payload.profileId === real.id)).toBe(true);
  });

  it('reports connectivity when the gateway goes away and comes back', async () => {
    const own = await startSandbox({ customers: 3, credentials: gatewayCredentials });
    const created = await store.create({ name: 'Flaky', kind: 'aptic', baseUrl: own.url, authMode: 'oauth2', clientId: gatewayCredentials.clientId });
    if (!created.ok) throw new Error('create failed');
    const flaky = created.value;
    await vault.set(flaky.id, 'clientSecret', gatewayCredentials.clientSecret);
    await store.setActive(flaky.id);
    await session.start();
    await eventually(connectivity(flaky.id, 'online'));

    const port = own.port;
    await own.close();
    const from = events.length;
    expect(await session.check()).toMatchObject({ state: 'offline', profileId: flaky.id, failure: { kind: 'network' } });
    await eventually(connectivity(flaky.id, 'offline'), from);
    await expect(call('ping')).rejects.toBeInstanceOf(ApiError);

    // Restarted on the same port: the monitor's own backoff probe finds it (tokens of the old run are gone too).
    const back = await startSandbox({ customers: 3, port, credentials: gatewayCredentials });
    try {
      await eventually(connectivity(flaky.id, 'online'), from);
      expect(await call<ListPage<unknown>>('listCustomers')).toMatchObject({ total: 3 });
    } finally {
      await back.close();
    }
  });

  it('follows the credentials: missing, rejected, accepted', async () => {
    await store.setActive(real.id);
    await session.start();
    await eventually(auth(real.id, 'ok'));

    let from = events.length;
    await vault.delete(real.id, 'clientSecret');
    await session.credentialsChanged(real.id);
    await eventually(auth(real.id, 'needs-credentials'), from);
    expect(events.slice(from).find(connectivity(real.id, 'unauthorized'))).toBeDefined();

    from = events.length;
    await vault.set(real.id, 'clientSecret', 'not-the-secret');
    await session.credentialsChanged(real.id);
    await eventually(auth(real.id, 'rejected'), from);

    from = events.length;
    await vault.set(real.id, 'clientSecret', gatewayCredentials.clientSecret);
    await session.credentialsChanged(real.id);
    await eventually(auth(real.id, 'ok'), from);
    await eventually(connectivity(real.id, 'online'), from);
  });

  it('tests any profile with a client of its own, without switching', async () => {
    await session.start();
    expect(await session.test(real)).toEqual({ latencyMs: expect.any(Number) });
    expect(session.activeProfileId()).toBe('demo');
    const unknownHost = { ...real, baseUrl: 'http://127.0.0.1:1/APIGW' };
    await expect(session.test(unknownHost)).rejects.toMatchObject({ failure: { kind: 'network' } });
  });
});
