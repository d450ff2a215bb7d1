import { randomUUID } from 'node:crypto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldbookDb } from '../../renderer/src/cache/db';
import { readDetail } from '../../renderer/src/customers/detail/detail-data';
import { createAddress, createCustomer, deleteAddress } from '../../renderer/src/outbox';
import { fixtureCustomer, storeServerRecord } from '../sync/outbox-fixtures';

/*
 * What the customer detail reads from the cache for its Addresses tab (its count, its cards)
 * and its overview's address summary: for a customer created offline, the address typed into
 * the new-customer form is there before the create has synced, next to the addresses added
 * since; for a synced customer, each address once.
 */

const open: FieldbookDb[] = [];
function newDb(): FieldbookDb {
  const db = new FieldbookDb(`detail-data-${randomUUID()}`, { indexedDB, IDBKeyRange });
  open.push(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

const cities = (addresses: readonly { city?: string | null }[]) => addresses.map((a) => a.city);

describe('the addresses of a customer in its detail', () => {
  it('include the main address of a customer created offline, before and after more are added, until it syncs', async () => {
    const db = newDb();
    const guid = await createCustomer(db, {
      firstname: 'Saga', lastname: 'Offlinesson', street: 'Storgatan', houseNo: '12', zipCode: '411 38', city: 'Göteborg', countryCode: 'SE',
    });

    const created = await readDetail(db, guid);
    // "Addresses 1": what the user typed, as the server will make it (the LEGAL default address).
    expect(created.addresses).toHaveLength(1);
    expect(created.addresses[0]).toMatchObject({ street: 'Storgatan', houseNo: '12', city: 'Göteborg', addressType: 'LEGAL', defaultAddress: true, ofCreate: true });

    // A second address added while the customer exists only here: "Addresses 2", the default one first.
    const added = await createAddress(db, guid, { addressType: 'DELIVERY', street: 'Hamngatan', houseNo: '3', city: 'Stockholm', countryCode: 'SE' });
    const two = await readDetail(db, guid);
    expect(cities(two.addresses)).toEqual(['Göteborg', 'Stockholm']);
    expect(two.addresses[1]).toMatchObject({ id: added, addressType: 'DELIVERY' });
    expect(two.addresses[1]!.ofCreate).toBeUndefined();
    expect(new Set(two.addresses.map((a) => a.id)).size).toBe(2);

    await deleteAddress(db, guid, added);
    expect(cities((await readDetail(db, guid)).addresses)).toEqual(['Göteborg']);
  });

  it('show no address for a customer created offline without one', async () => {
    const db = newDb();
    const guid = await createCustomer(db, { fullName: 'Nordic Tools AB', juridicalType: 1 });
    expect((await readDetail(db, guid)).addresses).toEqual([]);
  });

  it('show each address of a synced customer once, from its rows', async () => {
    const db = newDb();
    const customer = fixtureCustomer('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    const address = customer.addresses![0]!;
    await storeServerRecord(db, 'customer', customer.customerGuid, customer.customerGuid, customer as unknown as Record<string, unknown>);
    await storeServerRecord(db, 'address', customer.customerGuid, address.addressGuid, address as unknown as Record<string, unknown>);
    const detail = await readDetail(db, customer.customerGuid);
    expect(detail.addresses.map((a) => [a.id, a.city, a.ofCreate])).toEqual([[address.addressGuid, 'Uppsala', undefined]]);
  });
});
