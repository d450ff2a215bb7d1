import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBridgeClient } from '../../shared/ipc/client';
import type { CustomersApi } from '../../shared/api';
import {
  createAddress, createCustomer, createParameter, deleteAddress, respondToQuestion, updateCustomer,
} from '../../renderer/src/outbox';
import { drainOutbox } from '../../renderer/src/sync/push';
import { appPage, createHarness, type Harness } from '../bridge/helpers';
import { openDb, syncedFixture, questionGuids } from './outbox-fixtures';

// Push through the REAL bridge (main's api.call contract in front of the API client), as the app
// does: the contract takes exactly a path's parameters, where the API client alone ignores extra
// ones. Regression (found by the chaos test): every customer created offline was sent with a
// stray `customerGuid` path parameter, refused by the bridge, and ended as "needs attention".

let h: Harness;
let api: CustomersApi;

beforeAll(async () => {
  h = await createHarness({ customers: 5 });
  api = createBridgeClient({
    invoke: (channel: string, args: unknown) => h.main.bridge.invoke(channel, args, { url: appPage }),
    on: () => () => undefined,
  }).api;
});

afterAll(async () => h?.close());

describe('push over the bridge', () => {
  it('sends an offline-created customer and its children (no path parameter a route does not have)', async () => {
    const db = openDb();
    const guid = await createCustomer(db, { fullName: 'Bridged AB', juridicalType: 1, city: 'Luleå', street: 'Storgatan 1' });
    await createAddress(db, guid, { street: 'Bryggan 2', city: 'Luleå' });
    await createParameter(db, guid, { name: 'Via', value: 'bridge' });

    const result = await drainOutbox(db, api);
    expect(result).toMatchObject({ sent: 3, attention: 0, remaining: 0 });
    const server = h.demo()!.store.record(guid);
    expect(server?.customer.fullName).toBe('Bridged AB');
    expect(server?.customer.addresses?.map((a) => a.street).sort()).toEqual(['Bryggan 2', 'Storgatan 1']);
    expect(h.demo()!.store.children(server!).parameters).toEqual([{ name: 'Via', type: null, value: 'bridge', href: null }]);
  });

  it('sends updates, deletes and answers of synced records', async () => {
    const db = openDb();
    const sandbox = h.demo()!;
    const guid = await syncedFixture(sandbox, db);
    const address = sandbox.store.record(guid)!.customer.addresses![0]!.addressGuid;
    await updateCustomer(db, guid, { email: 'bridged@example.se' });
    await deleteAddress(db, guid, address);
    await respondToQuestion(db, guid, questionGuids.postponable, { response: 'YES' });

    expect(await drainOutbox(db, api)).toMatchObject({ sent: 3, attention: 0, remaining: 0 });
    const record = sandbox.store.record(guid)!;
    expect(record.customer.email).toBe('bridged@example.se');
    expect(record.customer.addresses).toEqual([]);
    expect(sandbox.store.children(record).questions.map((q) => q.actionGuid)).toEqual([questionGuids.fixed]);
  });
});
