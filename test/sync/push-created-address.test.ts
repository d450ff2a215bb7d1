import { describe, expect, it } from 'vitest';
import type { CustomersApi, OperationName } from '../../shared/api';
import {
  createCustomer, editEntry, EntryStateError, removeCreatedAddress, updateAddress, updateCreatedAddress,
} from '../../renderer/src/outbox';
import { drainOutbox } from '../../renderer/src/sync/push';
import { apiOf, arrived, openDb, useSandbox } from './outbox-fixtures';

/*
 * The main address of a customer created offline, corrected before the customer has synced,
 * drained to the real sandbox over HTTP: the correction travels inside the customer's create,
 * so the server makes the corrected address (once) and no address request is sent; a create
 * already on the wire is never changed; a refused create takes the correction with it.
 */

const sandbox = useSandbox();

const typo = { firstname: 'Saga', lastname: 'Berg', street: 'Storgatn', houseNo: '12', zipCode: '411 38', city: 'Göteborj', countryCode: 'SE' };

/** The real client, but the answer to `operation` is held (the server has already committed it) until `release`. */
function holdingApi(api: CustomersApi, operation: OperationName): { api: CustomersApi; arrived: Promise<void>; release: () => void } {
  let release!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const arrivedAt = new Promise<void>((resolve) => (reached = resolve));
  return {
    api: {
      call: (async (op: OperationName, ...args: unknown[]) => {
        const answer = await (api.call as (o: OperationName, ...a: unknown[]) => Promise<unknown>)(op, ...args);
        if (op === operation) {
          reached();
          await gate;
        }
        return answer;
      }) as CustomersApi['call'],
    },
    arrived: arrivedAt,
    release,
  };
}

describe('the main address of a customer created offline, drained to the sandbox', () => {
  it('a correction made before the sync is the address the server makes, once, with no request of its own', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await createCustomer(db, typo);
    await updateCreatedAddress(db, guid, { street: 'Storgatan', city: 'Göteborg' });

    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 1, attention: 0, remaining: 0 });
    const addresses = s.store.record(guid)!.customer.addresses ?? [];
    expect(addresses.map((a) => [a.addressType, a.defaultAddress, a.street, a.houseNo, a.zipCode, a.city])).toEqual([
      ['LEGAL', true, 'Storgatan', '12', '411 38', 'Göteborg'],
    ]);
    expect(arrived(s, 'createCustomer')).toBe(1);
    expect(arrived(s, 'createAddress') + arrived(s, 'updateAddress') + arrived(s, 'deleteAddress')).toBe(0);

    // The cache holds the server's address as a record of its own now, and the list's city.
    const [row] = await db.addresses.where('customerGuid').equals(guid).toArray();
    expect(row).toMatchObject({ id: addresses[0]!.addressGuid, street: 'Storgatan', city: 'Göteborg' });
    expect(await db.customers.get(guid)).toMatchObject({ sortCity: 'göteborg' });
    expect((await db.customers.get(guid))?.localOnly).toBeUndefined();
  });

  it('a removed main address: the customer is created without one', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await createCustomer(db, typo);
    await removeCreatedAddress(db, guid);
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 1, remaining: 0 });
    expect(s.store.record(guid)!.customer.addresses).toEqual([]);
    expect(await db.addresses.where('customerGuid').equals(guid).count()).toBe(0);
  });

  it('a create on the wire is not changed; once it has landed the address is edited as any other', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await createCustomer(db, typo);
    const held = holdingApi(apiOf(s), 'createCustomer');
    const draining = drainOutbox(db, held.api);
    await held.arrived;
    // The server has the create; its answer has not come back: the entry is `sending`.
    expect((await db.outbox.toArray()).map((e) => e.state)).toEqual(['sending']);
    await expect(updateCreatedAddress(db, guid, { street: 'Storgatan' })).rejects.toBeInstanceOf(EntryStateError);
    expect((await db.outbox.toArray())[0]?.body).toMatchObject({ street: 'Storgatn' });
    held.release();
    expect(await draining).toMatchObject({ sent: 1, remaining: 0 });

    // On the server: the address as the create carried it, once. The user now edits it as a record of its own.
    const [address] = s.store.record(guid)!.customer.addresses ?? [];
    expect(address).toMatchObject({ street: 'Storgatn', city: 'Göteborj' });
    await updateAddress(db, guid, address!.addressGuid, { street: 'Storgatan', city: 'Göteborg' });
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 1, remaining: 0 });
    expect((s.store.record(guid)!.customer.addresses ?? []).map((a) => [a.addressGuid, a.street, a.city])).toEqual([
      [address!.addressGuid, 'Storgatan', 'Göteborg'],
    ]);
    expect(arrived(s, 'createCustomer')).toBe(1);
  });

  it('a correction of a refused create goes with it when it is sent again', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await createCustomer(db, { ...typo, preferredChannel: 'FAX' });
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 0, attention: 1 });

    // Corrected while it needs attention: back in the queue, refused again (the channel is still wrong), the correction kept.
    expect(await updateCreatedAddress(db, guid, { street: 'Storgatan', city: 'Göteborg' })).toBe('resent');
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 0, attention: 1 });
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ state: 'attention', body: { street: 'Storgatan', city: 'Göteborg' } });

    // The channel fixed too: the customer arrives with the corrected address, once.
    await editEntry(db, entry!.seq!, { ...(entry!.body as Record<string, unknown>), preferredChannel: 'EMAIL' });
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 1, attention: 0, remaining: 0 });
    expect((s.store.record(guid)!.customer.addresses ?? []).map((a) => [a.street, a.city])).toEqual([['Storgatan', 'Göteborg']]);
    expect(s.store.record(guid)!.customer.preferredChannel).toBe('EMAIL');
  });
});
