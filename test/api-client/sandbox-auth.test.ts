import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/sandbox';
import { failureFrom } from './helpers';
import { clientOf, useSandbox } from './sandbox-helpers';

/*
 * The `oauth2apikey` scheme against the real sandbox: token reuse, proactive refresh, one
 * refresh after a 401, a wrong secret or key, API-key and both modes, and a read-only token.
 * The credentials are planted values, so the last test can prove none of them leaked.
 */

const planted = { clientId: 'planted-client', clientSecret: 'planted-secret-71c2d9e4', apiKey: 'planted-key-33b8f05a' };
const sandbox = useSandbox({ credentials: planted });

// Everything the clients of this file logged or threw, checked for secrets at the end.
const seen: unknown[] = [];
const started: Sandbox[] = [];
afterAll(async () => Promise.all(started.map((s) => s.close())));

async function extraSandbox(options: SandboxOptions): Promise<Sandbox> {
  const s = await startSandbox({ customers: 5, credentials: planted, ...options });
  started.push(s);
  return s;
}

function track<T extends { logs: string[] }>(client: T): T {
  seen.push(client.logs);
  return client;
}

async function failed(promise: Promise<unknown>) {
  const failure = await failureFrom(promise);
  seen.push(failure);
  return failure;
}

describe('OAuth2 client credentials', () => {
  it('re-uses one token for many calls', async () => {
    const { client } = track(clientOf(sandbox()));
    for (let i = 0; i < 5; i++) await client.ops.ping({});
    expect(sandbox().stats.get().token).toEqual({ '200': 1 });
  });

  it('refreshes a short-lived token before it expires (no 401 on the way)', async () => {
    let now = Date.parse('2025-03-01T08:00:00Z');
    const s = await extraSandbox({ tokenLifetimeSeconds: 60, clock: () => now });
    const { client } = track(clientOf(s, { now: () => now }));
    await client.ops.ping({});
    now += 50_000;
    await client.ops.ping({});
    expect(s.stats.get().token).toEqual({ '200': 1 });
    now += 5_000; // 55 s of 60: inside the 6 s margin, still valid on the server
    await client.ops.ping({});
    expect(s.stats.get().token).toEqual({ '200': 2 });
    expect(s.stats.get().byStatus['401']).toBeUndefined();
  });

  it('survives a token that expired on the server mid-session: one refresh, one retry', async () => {
    let now = Date.parse('2025-03-01T08:00:00Z');
    const s = await extraSandbox({ tokenLifetimeSeconds: 60, clock: () => now });
    // The client's clock stands still, so only the server knows the token has expired.
    const { client } = track(clientOf(s, { now: () => Date.parse('2025-03-01T08:00:00Z') }));
    await client.ops.ping({});
    now += 61_000;
    await expect(client.ops.ping({})).resolves.toEqual({});
    expect(s.stats.get().token).toEqual({ '200': 2 });
    expect(s.stats.get().byStatus).toMatchObject({ '401': 1, '200': 2 });
  });

  it("recovers from the sandbox's expireTokens fault, for a write too", async () => {
    const { client } = track(clientOf(sandbox()));
    const [customer] = sandbox().store.ordered();
    const customerGuid = customer?.customer.customerGuid ?? '';
    await client.ops.ping({});
    sandbox().faults.set({ expireTokens: true });
    await client.ops.createExtraField({ customerGuid }, { name: 'After expiry', value: ['x'] });
    expect(sandbox().stats.get().byOperationStatus.createExtraField).toEqual({ '401': 1, '201': 1 });
    expect(sandbox().stats.get().token).toEqual({ '200': 2 });
    expect((await client.ops.getExtraField({ customerGuid, name: 'After expiry' })).value).toEqual(['x']);
  });

  it('a bad secret is unauthorized with the OAuth error, and nothing else is sent', async () => {
    const { client } = track(clientOf(sandbox(), { auth: { mode: 'oauth2', clientId: planted.clientId }, secrets: async () => ({ clientSecret: 'wrong-secret-9a9a' }) }));
    const failure = await failed(client.ops.ping({}));
    expect(failure.kind).toBe('unauthorized');
    expect(failure.message).toContain('invalid_client');
    expect(failure.message).not.toContain('wrong-secret-9a9a');
    expect(sandbox().stats.get().received).toBe(0);
  });

  it('a read-only token gets forbidden on a write', async () => {
    const { client } = track(clientOf(sandbox(), { auth: { mode: 'oauth2', clientId: planted.clientId, scope: 'readonly' } }));
    const [customer] = sandbox().store.ordered();
    await client.ops.getCustomer({ guid: customer?.customer.customerGuid ?? '' });
    const failure = await failed(client.ops.deleteCustomer({ customerGuid: customer?.customer.customerGuid ?? '' }));
    expect(failure).toMatchObject({ kind: 'forbidden', status: 403 });
  });
});

describe('API key and both', () => {
  it('API-key mode needs no token', async () => {
    const { client } = track(clientOf(sandbox(), { auth: { mode: 'apikey' } }));
    await expect(client.ops.ping({})).resolves.toEqual({});
    expect(sandbox().stats.get().token).toEqual({});
    const wrong = track(clientOf(sandbox(), { auth: { mode: 'apikey' }, secrets: async () => ({ apiKey: 'not-the-key-0000' }) }));
    expect((await failed(wrong.client.ops.ping({}))).kind).toBe('unauthorized');
  });

  it('both mode sends token and key; a wrong key gets one token refresh, then unauthorized', async () => {
    const s = await extraSandbox({ auth: 'both' });
    const { client } = track(clientOf(s, { auth: { mode: 'both', clientId: planted.clientId } }));
    await expect(client.ops.ping({})).resolves.toEqual({});
    const tokenOnly = track(clientOf(s, { auth: { mode: 'oauth2', clientId: planted.clientId } }));
    expect((await failed(tokenOnly.client.ops.ping({}))).kind).toBe('unauthorized');

    s.stats.reset();
    const badKey = track(clientOf(s, { auth: { mode: 'both', clientId: planted.clientId }, secrets: async () => ({ ...planted, apiKey: 'not-the-key-0000' }) }));
    expect(await failed(badKey.client.ops.ping({}))).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(s.stats.get().byStatus).toEqual({ '401': 2 });
    expect(s.stats.get().token).toEqual({ '200': 2 });
  });
});

describe('secrets', () => {
  it('no planted secret appears in any failure or log line of this file', () => {
    const text = JSON.stringify(seen);
    expect(text.length).toBeGreaterThan(1000);
    for (const secret of [planted.clientSecret, planted.apiKey, encodeURIComponent(planted.clientSecret)]) expect(text).not.toContain(secret);
  });
});
