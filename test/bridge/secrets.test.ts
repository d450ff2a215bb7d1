import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECRETS_FILE, DEFAULT_VAULT_SETTINGS_FILE } from '../../electron/credentials';
import { DEFAULT_PROFILES_FILE } from '../../electron/profiles';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import type { BridgeResult } from '../../shared/ipc';
import type { ConnectionProfile } from '../../shared/profiles';
import { apticInput, createHarness, type Harness } from './helpers';

// Secrets never leave main (api-contract.md "Authorization"). Plant a client secret and an API
// key through the bridge, let the client obtain OAuth tokens with them, run a journey through
// every channel (failures included), then look for each planted value and each token in
// everything the renderer got back, every event, every log line and every file but the
// encrypted secrets file.

const planted = { clientSecret: 'PLANTED-cs-4f1d9c2e7b61', apiKey: 'PLANTED-ak-8e3a1b5c9d02', wrong: 'PLANTED-wrong-77aa01' };

let h: Harness;
let gateway: Sandbox;
const tokens: string[] = [];
const returned: BridgeResult<unknown>[] = [];

/** Records every access token the gateway hands out: the third kind of secret. */
const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = input instanceof Request ? input.url : String(input);
  if (url === gateway.tokenUrl && response.ok) {
    const grant = (await response.clone().json()) as { access_token?: string };
    if (grant.access_token) tokens.push(grant.access_token);
  }
  return response;
};

beforeAll(async () => {
  gateway = await startSandbox({
    customers: 10,
    auth: 'both',
    credentials: { clientId: 'fieldbook-journey', clientSecret: planted.clientSecret, apiKey: planted.apiKey },
  });
  h = await createHarness({ customers: 5, client: { fetch: recordingFetch } });
});

afterAll(async () => {
  await h?.close();
  await gateway?.close();
});

async function call(channel: string, args?: unknown): Promise<BridgeResult<unknown>> {
  const result = await h.invoke(channel, args);
  returned.push(result);
  return result;
}

async function value<T>(channel: string, args?: unknown): Promise<T> {
  const result = await call(channel, args);
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.failure)}`);
  return result.value as T;
}

const authIs = (profileId: string, state: string, after: number) => h.waitFor((event) =>
  h.events.indexOf(event) >= after && event.name === 'auth.changed' && event.payload.profileId === profileId && event.payload.state === state);

describe('secrets never reach the renderer, the profiles file or a log', () => {
  it('runs a journey through every channel', async () => {
    await value('app.info');
    await value('profiles.list');
    const input = apticInput('Journey', gateway.url, { authMode: 'both', clientId: 'fieldbook-journey' });
    const profile = await value<ConnectionProfile>('profiles.create', { input });
    const profileId = profile.id;
    await value('credentials.set', { profileId, kind: 'clientSecret', value: planted.clientSecret });
    await value('credentials.set', { profileId, kind: 'apiKey', value: planted.apiKey });
    expect(await value('credentials.status', { profileId })).toMatchObject({ clientSecret: true, apiKey: true });
    // A refused secret: the refusal must not repeat it.
    expect(await call('credentials.set', { profileId, kind: 'apiKey', value: `${planted.apiKey}\n` })).toMatchObject({ ok: false });
    expect(await call('credentials.set', { profileId, kind: planted.apiKey, value: 'x' })).toMatchObject({ ok: false });
    await value('profiles.test', { id: profileId });

    let mark = h.events.length;
    await value('profiles.activate', { id: profileId });
    await authIs(profileId, 'ok', mark);
    const page = await value<{ total: number; value: { customerGuid: string }[] }>('api.call', { operation: 'listCustomers', params: {}, query: { top: 3 } });
    expect(page).toMatchObject({ total: 10 });
    const guid = page.value[0]?.customerGuid ?? '';
    await value('api.call', { operation: 'getCustomer', params: { guid } });
    await value('api.call', { operation: 'updateCustomer', params: { customerGuid: guid }, body: { email: 'journey@example.se' } });
    await call('api.call', { operation: 'getCustomer', params: { guid: '00000000-0000-4000-8000-000000000000' } });
    await call('api.call', { operation: 'createCustomer', params: {}, body: { email: 'not an e-mail' } });
    await value('connectivity.check');

    // A wrong secret: the gateway refuses it, and says so without the secret.
    mark = h.events.length;
    await value('credentials.set', { profileId, kind: 'clientSecret', value: planted.wrong });
    await authIs(profileId, 'rejected', mark);
    expect(await call('api.call', { operation: 'ping', params: {} })).toMatchObject({ ok: false, failure: { kind: 'unauthorized' } });
    mark = h.events.length;
    await value('credentials.clear', { profileId, kind: 'apiKey' });
    await authIs(profileId, 'needs-credentials', mark);
    mark = h.events.length;
    await value('credentials.set', { profileId, kind: 'clientSecret', value: planted.clientSecret });
    await value('credentials.set', { profileId, kind: 'apiKey', value: planted.apiKey });
    await authIs(profileId, 'ok', mark);
    // The unprotected-storage switch, both ways: the encrypted file (an OS-protected key) stays, and so do the secrets.
    expect(await value('credentials.allowUnprotected', { allow: true, confirmRisk: true })).toMatchObject({ kind: 'safeStorage', unprotectedAllowed: true });
    expect(await value('credentials.allowUnprotected', { allow: false })).toMatchObject({ kind: 'safeStorage', unprotectedAllowed: false });
    await value('profiles.update', { id: profileId, input: { ...input, name: 'Journey (renamed)' } });
    await value('api.call', { operation: 'listCustomers', params: {}, query: { top: 1 } });
    await value('profiles.list');
    await value('profiles.activate', { id: 'demo' });
    await value('api.call', { operation: 'ping', params: {} });
    await value('profiles.remove', { id: profileId });
    await value('credentials.status', { profileId: 'demo' });
    await value('connectivity.check');

    expect(tokens.length).toBeGreaterThanOrEqual(2);
    expect(gateway.stats.get().byStatus['200']).toBeGreaterThan(0);
  });

  it('finds no planted secret and no token anywhere the renderer, a file or a log could show it', async () => {
    const secrets = [...Object.values(planted), ...tokens];
    const places: [string, string][] = [
      ['results', JSON.stringify(returned)],
      ['events', JSON.stringify(h.events)],
      ['logs', h.logs.join('\n')],
    ];
    for (const file of await readdir(h.dir)) {
      if (file !== DEFAULT_SECRETS_FILE) places.push([file, await readFile(join(h.dir, file), 'utf8')]);
    }
    // The vault's file holds them encrypted only.
    places.push([DEFAULT_SECRETS_FILE, await readFile(join(h.dir, DEFAULT_SECRETS_FILE), 'utf8')]);
    expect(places.map(([name]) => name)).toContain(DEFAULT_PROFILES_FILE);
    expect(places.map(([name]) => name)).toContain(DEFAULT_VAULT_SETTINGS_FILE);
    expect(h.logs.length).toBeGreaterThan(10);
    expect(h.events.some((event) => event.name === 'connectivity.changed' && event.payload.failure)).toBe(true);
    for (const [name, text] of places) {
      for (const secret of secrets) expect(text.includes(secret), `${name} holds a secret`).toBe(false);
    }
  });
});
