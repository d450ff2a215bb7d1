import { describe, expect, it } from 'vitest';
import { fixtureCustomer } from '../sandbox/helpers';
import { toCachedCustomer } from '../../renderer/src/cache/customer-index';
import { updateCustomer } from '../../renderer/src/outbox';
import { pullCustomers } from '../../renderer/src/sync/pull';
import { drainOutbox } from '../../renderer/src/sync/push';
import { apiOf, newDb, outboxEntry, spreadGuid, spyApi, useSyncSandbox } from './pull-harness';

const sandbox = useSyncSandbox({ customers: 120 });
const pull = (db: ReturnType<typeof newDb>, api = apiOf(sandbox())) => pullCustomers(db, api, { scope: '', pageSize: 50 });

describe('pullCustomers and the user’s queued edits', () => {
  it('never overwrites a field with a pending local patch, while the other fields update', async () => {
    const db = newDb();
    await pull(db);
    const guid = sandbox().store.ordered()[3]!.customer.customerGuid;
    await db.outbox.add(outboxEntry('customer', 'update', guid, guid, { email: 'mine@example.se' }));
    await db.customers.update(guid, { email: 'mine@example.se' });
    await db.customers.update(guid, { detailFetchedAt: '2026-01-01T00:00:00.000Z' });
    sandbox().store.updateCustomer(guid, { email: 'theirs@example.se', cellularPhone: '+46 70 000 00 01' });

    await pull(db);
    const row = await db.customers.get(guid);
    expect(row).toMatchObject({ email: 'mine@example.se', cellularPhone: '+46 70 000 00 01', detailFetchedAt: '2026-01-01T00:00:00.000Z' });
    expect(row?.searchTerms, 'index fields follow the working copy').toContain('mine@example.se');
    const base = await db.bases.get(['customer', guid]);
    expect(base?.record).toMatchObject({ email: 'theirs@example.se', cellularPhone: '+46 70 000 00 01' });
  });

  it('does not bring back a customer whose delete is queued, but keeps its base current', async () => {
    const db = newDb();
    await pull(db);
    const guid = sandbox().store.ordered()[5]!.customer.customerGuid;
    await db.outbox.add(outboxEntry('customer', 'delete', guid, guid, null));
    await db.customers.delete(guid);
    sandbox().store.updateCustomer(guid, { email: 'changed@example.se' });

    await pull(db);
    expect(await db.customers.get(guid)).toBeUndefined();
    expect((await db.bases.get(['customer', guid]))?.record).toMatchObject({ email: 'changed@example.se' });
  });

  it('shows a queued address edit in the customer’s embedded addresses', async () => {
    const db = newDb();
    await pull(db);
    const customer = sandbox().store.ordered()[8]!.customer;
    const address = customer.addresses![0]!;
    // As the edit side writes it: the queued patch and the address's working copy.
    await db.outbox.add(outboxEntry('address', 'update', customer.customerGuid, address.addressGuid, { city: 'Kiruna' }));
    await db.addresses.put({ ...address, city: 'Kiruna', id: address.addressGuid, serverId: address.addressGuid, customerGuid: customer.customerGuid, fetchedAt: null });
    await pull(db);
    const row = await db.customers.get(customer.customerGuid);
    expect(row?.addresses?.[0]).toMatchObject({ addressGuid: address.addressGuid, city: 'Kiruna', street: address.street });
  });
});

describe('pullCustomers and bases (written on the first edit, kept current after)', () => {
  it('a first edit starts from the pulled row, and a base left by a synced edit follows later pulls', async () => {
    const db = newDb();
    const api = apiOf(sandbox());
    await pull(db, api);
    const guid = sandbox().store.ordered()[20]!.customer.customerGuid;
    expect(await db.bases.get(['customer', guid]), 'a pulled customer with nothing queued has no base').toBeUndefined();

    await updateCustomer(db, guid, { email: 'first@example.se' });
    expect((await db.bases.get(['customer', guid]))?.record, 'the first edit copied the server version').toEqual(sandbox().store.record(guid)?.customer);
    sandbox().store.updateCustomer(guid, { homePhone: '+46 8 100 00 01' });
    expect(await drainOutbox(db, api)).toMatchObject({ sent: 1, conflicts: 0, remaining: 0 });
    expect(sandbox().store.record(guid)?.customer).toMatchObject({ email: 'first@example.se', homePhone: '+46 8 100 00 01' });

    // The synced edit left a base. The server moves on; the next pull must move the base too,
    // or the next edit would be laid over the old server version and show its phone number.
    sandbox().store.updateCustomer(guid, { cellularPhone: '+46 70 200 00 02' });
    await pull(db, api);
    expect((await db.bases.get(['customer', guid]))?.record).toMatchObject({ cellularPhone: '+46 70 200 00 02' });
    await updateCustomer(db, guid, { email: 'second@example.se' });
    expect(await db.customers.get(guid)).toMatchObject({ email: 'second@example.se', cellularPhone: '+46 70 200 00 02', homePhone: '+46 8 100 00 01' });
    await drainOutbox(db, api);
    expect(sandbox().store.record(guid)?.customer).toMatchObject({ email: 'second@example.se', cellularPhone: '+46 70 200 00 02' });
  });
});

describe('pullCustomers removes what the server no longer has', () => {
  it('removes server-deleted customers with their children and bases, but not ones with queued edits or created offline', async () => {
    const db = newDb();
    await pull(db);
    const [gone, edited] = sandbox().store.ordered().slice(10, 12).map((r) => r.customer.customerGuid) as [string, string];
    // Detail rows and bases under the customer that will disappear.
    await db.addresses.add({ ...sandbox().store.record(gone)!.customer.addresses![0]!, id: 'a1', customerGuid: gone, serverId: 'a1', fetchedAt: null });
    await db.parameters.add({ customerGuid: gone, name: 'Risk', type: null, value: 'B', href: null, fetchedAt: null });
    await db.ledgers.add({ customerGuid: gone, summary: { totalBalance: 1 }, fetchedAt: null });
    await db.bases.add({ entity: 'parameter', key: `${gone}/Risk`, record: {}, fetchedAt: 'x' });
    await db.briefcase.add({ customerGuid: gone, keptOffline: true, openedAt: null, prepared: false });
    await db.outbox.add(outboxEntry('customer', 'update', edited, edited, { email: 'still-mine@example.se' }));
    await db.customers.update(edited, { email: 'still-mine@example.se' });
    const local = spreadGuid(77);
    await db.customers.add(toCachedCustomer(fixtureCustomer(local), { fetchedAt: null, detailFetchedAt: null, passId: 0, localOnly: true }));
    sandbox().store.deleteCustomer(gone);
    sandbox().store.deleteCustomer(edited);

    const report = await pull(db);
    expect(report.removed).toBe(1);
    expect(await db.customers.get(gone)).toBeUndefined();
    expect(await db.addresses.where('customerGuid').equals(gone).count()).toBe(0);
    expect(await db.parameters.where('customerGuid').equals(gone).count()).toBe(0);
    expect(await db.ledgers.get(gone)).toBeUndefined();
    expect(await db.briefcase.get(gone)).toBeUndefined();
    expect(await db.bases.get(['customer', gone])).toBeUndefined();
    expect(await db.bases.get(['parameter', `${gone}/Risk`])).toBeUndefined();

    expect((await db.customers.get(edited))?.email, 'queued edits keep their customer').toBe('still-mine@example.se');
    expect((await db.customers.get(local))?.localOnly, 'a customer created offline stays').toBe(true);
    expect(await db.customers.count()).toBe(sandbox().store.size + 2);
  });

  it('keeps a customer created on the server behind a range cursor (e.g. just pushed) instead of removing it', async () => {
    const db = newDb();
    await pull(db);
    // Range 0 (keys below '1') is fetched first and fits one page: once it is answered,
    // "push" a new customer into it, as the outbox would between two pages.
    const pushed = '0fffffff-0000-4000-8000-000000000001';
    const { api } = spyApi(apiOf(sandbox()), async (operation, n) => {
      if (operation !== 'listCustomers' || n !== 1) return;
      const record = sandbox().store.insertCustomer(fixtureCustomer(pushed, { fullName: 'Just Pushed' }));
      await db.customers.put(toCachedCustomer(record.customer, { fetchedAt: null, detailFetchedAt: null, passId: 0 }));
    });
    const report = await pullCustomers(db, api, { scope: '', pageSize: 50, concurrency: 1 });
    expect(report).toMatchObject({ removed: 0, confirmed: 1 });
    expect((await db.customers.get(pushed))?.fullName).toBe('Just Pushed');
  });

  it('drops customers that left the scope without asking the server about each', async () => {
    const db = newDb();
    await pull(db);
    const { api, counts } = spyApi(apiOf(sandbox()));
    const report = await pullCustomers(db, api, { scope: 'juridicalType eq 1', pageSize: 50 });
    const companies = sandbox().store.ordered().filter((r) => r.customer.juridicalType === 1).length;
    expect(await db.customers.count()).toBe(companies);
    expect(report.removed).toBe(sandbox().store.size - companies);
    expect(counts.listCustomers).toBeLessThanOrEqual(16 + Math.ceil(companies / 50));
  });
});
