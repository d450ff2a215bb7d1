import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type ApiFailure, type CustomersApi } from '../../shared/api';
import {
  apiFailureOf, createBridgeClient, type BridgeClient, type BridgeTransport, type EventPayload, type FieldbookWindowApi,
} from '../../shared/ipc';
import { apticInput, appPage, createHarness, type Harness } from './helpers';

// createBridgeClient over a transport shaped like window.fieldbook, backed by the real bridge:
// typed methods for the settings screens, and a CustomersApi for the sync engine that rejects
// with an ApiError whose kind decides what the engine does next.

let h: Harness;
let client: BridgeClient;

/** What the preload does: invoke by channel name, and pass event payloads only. */
function transportOf(harness: Harness, url = appPage): BridgeTransport {
  return {
    invoke: (channel, args) => harness.main.bridge.invoke(channel, args, { url }),
    on: (event, listener) => harness.main.bridge.onEvent((e) => e.name === event && listener(e.payload)),
  };
}

beforeAll(async () => {
  h = await createHarness({ customers: 8 });
  client = createBridgeClient(transportOf(h));
});
afterAll(async () => {
  await h.close();
});

const failureOf = async (promise: Promise<unknown>): Promise<ApiFailure> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error.failure;
};

describe('createBridgeClient', () => {
  it('gives the settings screens typed BridgeResults', async () => {
    const listing = await client.profiles.list();
    expect(listing).toMatchObject({ ok: true, value: { activeId: 'demo' } });
    const seen: EventPayload<'profiles.changed'>[] = [];
    const stop = client.on('profiles.changed', (payload) => seen.push(payload));
    const created = await client.profiles.create(apticInput('From the client'));
    if (!created.ok) throw new Error(created.failure.message);
    expect(created.value.name).toBe('From the client');
    const refused = await client.profiles.create({ ...apticInput('X'), baseUrl: 'ftp://x' });
    expect(refused).toMatchObject({ ok: false, failure: { kind: 'invalid-request', fieldErrors: { baseUrl: [expect.any(String)] } } });
    expect(await client.credentials.set(created.value.id, 'apiKey', 'k-from-client')).toMatchObject({ ok: true, value: { apiKey: true } });
    expect(await client.credentials.allowUnprotected(true)).toMatchObject({ ok: false, failure: { kind: 'invalid-request', fieldErrors: { confirmRisk: [expect.any(String)] } } });
    expect(await client.credentials.allowUnprotected(true, { confirmRisk: true })).toMatchObject({ ok: true, value: { unprotectedAllowed: true } });
    expect(await client.credentials.allowUnprotected(false)).toMatchObject({ ok: true, value: { unprotectedAllowed: false } });
    stop();
    await client.profiles.remove(created.value.id);
    expect(seen).toEqual([{ activeId: 'demo' }]);
    expect(await client.app.info()).toMatchObject({ ok: true, value: { platform: 'linux' } });
    expect(await client.connectivity.check()).toEqual({ ok: true, value: { state: 'online', profileId: 'demo' } });
  });

  it('is a CustomersApi for the sync engine', async () => {
    const api: CustomersApi = client.api;
    const page = await api.call('listCustomers', {}, undefined, { top: 3 });
    expect(page.value).toHaveLength(3);
    const guid = page.value[0]?.customerGuid ?? '';
    expect((await api.call('getCustomer', { guid })).customerGuid).toBe(guid);
    expect(await api.call('updateCustomer', { customerGuid: guid }, { email: 'client@example.se' })).toBeUndefined();
    expect(await failureOf(api.call('getCustomer', { guid: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({
      kind: 'not-found', operation: 'getCustomer', status: 404,
    });
    // Refused by the bridge, never sent: a permanent 'validation' failure with the field named.
    const invalid = await failureOf(api.call('updateCustomer', { customerGuid: guid }, { email: 'nope' }));
    expect(invalid).toMatchObject({ kind: 'validation', operation: 'updateCustomer', fieldErrors: { 'body.email': [expect.any(String)] } });
  });

  it('maps failures the bridge adds to ApiFailure kinds the engine knows', async () => {
    const foreign = createBridgeClient(transportOf(h, 'https://evil.example/'));
    expect(await failureOf(foreign.api.call('ping', {}))).toMatchObject({ kind: 'forbidden', operation: 'ping' });

    const broken = createBridgeClient({ invoke: async () => { throw new Error('An object could not be cloned.'); }, on: () => () => undefined });
    expect(await failureOf(broken.api.call('ping', {}))).toMatchObject({ kind: 'server', message: expect.stringContaining('could not be cloned') });
    expect(await failureOf(broken.api.call('deleteCustomer', { customerGuid: 'x' }))).toMatchObject({ kind: 'unknown-outcome' });
    expect(await broken.profiles.list()).toMatchObject({ ok: false, failure: { kind: 'internal' } });

    const junk = createBridgeClient({ invoke: async () => 'not a result', on: () => () => undefined });
    expect(await junk.app.info()).toMatchObject({ ok: false, failure: { kind: 'internal' } });
    expect(apiFailureOf({ kind: 'vault-unavailable', message: 'No keyring' }, 'ping')).toEqual({ kind: 'unauthorized', operation: 'ping', message: 'No keyring' });
  });

  it('accepts window.fieldbook as its transport (a compile-time check)', () => {
    const windowApi: FieldbookWindowApi = {
      invoke: async () => ({ ok: true, value: undefined }) as never,
      on: () => () => undefined,
    };
    expect(createBridgeClient(windowApi).api).toBeDefined();
  });
});
