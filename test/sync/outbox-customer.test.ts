import { describe, expect, it } from 'vitest';
import type { ApiFailure } from '../../shared/api/errors';
import type { QueuedEntry } from '../../renderer/src/outbox/queue';
import {
  createAddress, createCustomer, createParameter, deleteCustomer, EntryStateError, InvalidInputError, NotInCacheError, QueuedChildrenError,
  removeCreatedAddress, updateAddress, updateCreatedAddress, updateCustomer,
} from '../../renderer/src/outbox';
import { cachedFixture, openDb } from './outbox-fixtures';

// Local writes of customers: validation, coalescing, folding, deletes and the parent/child rule.

const snapshot = async (db: ReturnType<typeof openDb>) => ({
  customers: await db.customers.toArray(),
  outbox: await db.outbox.toArray(),
  bases: await db.bases.toArray(),
});

describe('createCustomer', () => {
  it('assigns a GUID, marks the copy local-only with index fields, and queues one create', async () => {
    const db = openDb();
    const guid = await createCustomer(db, { firstname: 'Åsa', lastname: 'Berg', email: 'asa@example.se', city: 'Lund', countryCode: 'SE' });
    expect(guid).toMatch(/^[0-9a-f-]{36}$/u);
    const row = await db.customers.get(guid);
    expect(row).toMatchObject({ customerGuid: guid, fullName: 'Åsa Berg', localOnly: true, sortName: 'åsa berg', sortCity: 'lund' });
    expect(row?.searchTerms).toEqual(expect.arrayContaining(['åsa', 'berg', 'lund']));
    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entity: 'customer', op: 'create', id: guid, entityKey: `customer:${guid}`, state: 'pending' });
    expect(entries[0]?.body).toMatchObject({ customerGuid: guid, firstname: 'Åsa', city: 'Lund' });
  });

  it('rejects a bad body with field errors and changes nothing', async () => {
    const db = openDb();
    const error = await createCustomer(db, { firstname: 'No last name', email: 'not-an-email' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).fieldErrors).toHaveProperty('email');
    expect(await snapshot(db)).toEqual({ customers: [], outbox: [], bases: [] });
  });

  it('folds later updates into the create body instead of queuing updates', async () => {
    const db = openDb();
    const guid = await createCustomer(db, { fullName: 'Nordic Tools AB', juridicalType: 1 });
    await updateCustomer(db, guid, { email: 'info@nordictools.se' });
    await updateCustomer(db, guid, { email: 'sales@nordictools.se', workPhone: '08-123 45' });
    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.body).toMatchObject({ fullName: 'Nordic Tools AB', email: 'sales@nordictools.se', workPhone: '08-123 45' });
    expect((await db.customers.get(guid))?.searchTerms).toContain('sales@nordictools.se');
  });
});

describe('updateCustomer of a synced customer', () => {
  it('captures the base, queues a patch with the values it replaces, and coalesces the next edit', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await db.bases.delete(['customer', guid]); // as if the pull had stored only the working copy
    await updateCustomer(db, guid, { email: 'new@example.se' });
    await updateCustomer(db, guid, { cellularPhone: '+46 70 999 99 99' });
    expect((await db.bases.get(['customer', guid]))?.record).toMatchObject({ email: 'ada@example.se' });
    const entries = (await db.outbox.toArray()) as QueuedEntry[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ op: 'update', body: { email: 'new@example.se', cellularPhone: '+46 70 999 99 99' } });
    expect(entries[0]?.baseValues).toEqual({ email: 'ada@example.se', cellularPhone: '+46 70 123 45 67' });
    expect(await db.customers.get(guid)).toMatchObject({ email: 'new@example.se', searchTerms: expect.arrayContaining(['new@example.se', '46709999999']) });
  });

  it('drops a change back to the original value, and the entry with it when nothing is left', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await updateCustomer(db, guid, { email: 'new@example.se', lastname: 'Lind' });
    await updateCustomer(db, guid, { email: 'ada@example.se' });
    expect((await db.outbox.toArray())[0]?.body).toEqual({ lastname: 'Lind' });
    await updateCustomer(db, guid, { lastname: 'Lindqvist' });
    expect(await db.outbox.count()).toBe(0);
    expect((await db.customers.get(guid))?.lastname).toBe('Lindqvist');
  });

  it('never changes an entry that is being sent: the next edit is appended', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await updateCustomer(db, guid, { email: 'one@example.se' });
    await db.outbox.toCollection().modify({ state: 'sending' });
    await updateCustomer(db, guid, { email: 'two@example.se' });
    // Reverting to what the user saw (one@, which the entry on the wire will set) is no change either.
    await updateCustomer(db, guid, { lastname: 'X' });
    const entries = await db.outbox.orderBy('seq').toArray();
    expect(entries.map((e) => [e.state, e.body])).toEqual([
      ['sending', { email: 'one@example.se' }],
      ['pending', { email: 'two@example.se', lastname: 'X' }],
    ]);
    await updateCustomer(db, guid, { email: 'one@example.se', lastname: 'Lindqvist' });
    expect(await db.outbox.count()).toBe(1);
  });

  it('rejects invalid or non-updatable fields with field errors and changes nothing', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    const before = await snapshot(db);
    for (const changes of [{ email: 'nope' }, { fullName: 'Not updatable' }, { currencyCode: 'sek' }] as never[]) {
      const error = await updateCustomer(db, guid, changes).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(Object.keys((error as InvalidInputError).fieldErrors)).toEqual(Object.keys(changes));
    }
    expect(await snapshot(db)).toEqual(before);
  });

  it('does not let a server value the user did not touch block an edit', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await db.customers.update(guid, { email: 'legacy value without an at sign' });
    await updateCustomer(db, guid, { lastname: 'Lind' });
    expect(await db.outbox.count()).toBe(1);
  });

  it('throws for a customer that is not cached', async () => {
    await expect(updateCustomer(openDb(), 'c0000000-0000-4000-8000-00000000dead', { email: 'a@b.se' })).rejects.toBeInstanceOf(NotInCacheError);
  });
});

describe('deleteCustomer', () => {
  it('removes a never-synced create together with its edits', async () => {
    const db = openDb();
    const guid = await createCustomer(db, { fullName: 'Temp AB', juridicalType: 1 });
    await updateCustomer(db, guid, { email: 'x@temp.se' });
    expect(await deleteCustomer(db, guid)).toEqual({ discarded: [], inFlight: [] });
    expect(await snapshot(db)).toEqual({ customers: [], outbox: [], bases: [] });
  });

  it('replaces a pending update with the delete', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await updateCustomer(db, guid, { email: 'new@example.se' });
    await deleteCustomer(db, guid);
    const entries = await db.outbox.toArray();
    expect(entries.map((e) => e.op)).toEqual(['delete']);
    expect(await db.customers.get(guid)).toBeUndefined();
    expect(await db.bases.get(['customer', guid])).toBeDefined();
  });

  it('refuses to drop queued child edits silently, and lists them', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    const addressId = await createAddress(db, guid, { street: 'Ny väg', city: 'Malmö' });
    await createParameter(db, guid, { name: 'Segment', value: 'SME' });
    const before = await snapshot(db);
    const error = await deleteCustomer(db, guid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueuedChildrenError);
    expect((error as QueuedChildrenError).entries.map((e) => [e.entity, e.op, e.id])).toEqual([
      ['address', 'create', addressId],
      ['parameter', 'create', 'Segment'],
    ]);
    expect(await snapshot(db)).toEqual(before);

    const outcome = await deleteCustomer(db, guid, { discardQueuedChildren: true });
    expect(outcome.discarded.map((e) => e.entity)).toEqual(['address', 'parameter']);
    expect((await db.outbox.toArray()).map((e) => [e.entity, e.op])).toEqual([['customer', 'delete']]);
    expect(await db.addresses.get(addressId)).toBeUndefined();
  });

  it('discarding the children of a customer created offline removes everything of it', async () => {
    const db = openDb();
    const guid = await createCustomer(db, { fullName: 'Offline AB', juridicalType: 1 });
    const addressId = await createAddress(db, guid, { city: 'Visby' });
    await updateAddress(db, guid, addressId, { street: 'Strandgatan' });
    await expect(deleteCustomer(db, guid)).rejects.toBeInstanceOf(QueuedChildrenError);
    const outcome = await deleteCustomer(db, guid, { discardQueuedChildren: true });
    expect(outcome.discarded).toHaveLength(1);
    expect(await snapshot(db)).toEqual({ customers: [], outbox: [], bases: [] });
    expect(await db.addresses.count()).toBe(0);
  });
});

describe('the main address of a customer created offline', () => {
  // Typed into the new-customer form, it travels inside the queued create (the server makes it the LEGAL default address).
  const typo = { firstname: 'Saga', lastname: 'Berg', street: 'Storgatn', houseNo: '12', zipCode: '411 38', city: 'Göteborj', countryCode: 'SE' };
  const mainAddress = async (db: ReturnType<typeof openDb>, guid: string) => (await db.customers.get(guid))?.addresses ?? [];

  it('is corrected inside the queued create: one entry, no address request, the copy, city column and search follow', async () => {
    const db = openDb();
    const guid = await createCustomer(db, typo);
    expect(await updateCreatedAddress(db, guid, { street: 'Storgatan', city: 'Göteborg' })).toBe('queued');

    const entries = await db.outbox.toArray();
    expect(entries.map((e) => [e.entity, e.op, e.state])).toEqual([['customer', 'create', 'pending']]);
    expect(entries[0]?.body).toEqual({ customerGuid: guid, firstname: 'Saga', lastname: 'Berg', street: 'Storgatan', houseNo: '12', zipCode: '411 38', city: 'Göteborg', countryCode: 'SE' });
    const row = await db.customers.get(guid);
    expect(row).toMatchObject({ localOnly: true, sortCity: 'göteborg' });
    expect(row?.searchTerms).toContain('göteborg');
    expect(row?.searchTerms).not.toContain('göteborj');
    expect(await mainAddress(db, guid)).toEqual([expect.objectContaining({ street: 'Storgatan', houseNo: '12', city: 'Göteborg', addressType: 'LEGAL', defaultAddress: true })]);
    expect(await db.addresses.count()).toBe(0);

    // A cleared field is left out of the create; the rest stays.
    await updateCreatedAddress(db, guid, { houseNo: null });
    expect((await db.outbox.toArray())[0]?.body).not.toHaveProperty('houseNo');
    expect((await mainAddress(db, guid))[0]).toMatchObject({ street: 'Storgatan', houseNo: null });
  });

  it('refuses bad values and fields the create has not, at their fields, and changes nothing', async () => {
    const db = openDb();
    const guid = await createCustomer(db, typo);
    const before = await snapshot(db);
    const long = await updateCreatedAddress(db, guid, { city: 'x'.repeat(201), countryCode: 'SWED' }).catch((e: unknown) => e);
    expect(long).toBeInstanceOf(InvalidInputError);
    expect((long as InvalidInputError).entity).toBe('address');
    expect(Object.keys((long as InvalidInputError).fieldErrors).sort()).toEqual(['city', 'countryCode']);
    const other = await updateCreatedAddress(db, guid, { addressType: 'INVOICE' } as never).catch((e: unknown) => e);
    expect((other as InvalidInputError).fieldErrors).toEqual({ addressType: ['Is not a field of this request'] });
    expect(await snapshot(db)).toEqual(before);
  });

  it('is removed from the create: the customer is created without an address', async () => {
    const db = openDb();
    const guid = await createCustomer(db, typo);
    expect(await removeCreatedAddress(db, guid)).toBe('queued');
    expect((await db.outbox.toArray())[0]?.body).toEqual({ customerGuid: guid, firstname: 'Saga', lastname: 'Berg' });
    expect(await mainAddress(db, guid)).toEqual([]);
    expect((await db.customers.get(guid))?.sortCity).toBe('');
  });

  it('never changes a create that may be on the wire', async () => {
    const db = openDb();
    const guid = await createCustomer(db, typo);
    await db.outbox.toCollection().modify({ state: 'sending' });
    const before = await snapshot(db);
    await expect(updateCreatedAddress(db, guid, { street: 'Storgatan' }, { waitMs: 0 })).rejects.toBeInstanceOf(EntryStateError);
    await expect(removeCreatedAddress(db, guid, { waitMs: 50 })).rejects.toBeInstanceOf(EntryStateError);
    expect(await snapshot(db)).toEqual(before);
  });

  it('waits for a send attempt of the create to end (offline it fails at once), then folds the change in', async () => {
    const db = openDb();
    const guid = await createCustomer(db, typo);
    await db.outbox.toCollection().modify({ state: 'sending' });
    let settled = false;
    const correcting = updateCreatedAddress(db, guid, { street: 'Storgatan' }).finally(() => (settled = true));
    // The attempt is still on the wire: nothing is changed yet.
    await db.outbox.toArray();
    expect(settled).toBe(false);
    expect((await db.outbox.toArray())[0]?.body).not.toHaveProperty('street', 'Storgatan');
    // The attempt failed (offline): the entry backs off as pending, and the correction goes in.
    await db.outbox.toCollection().modify({ state: 'pending', attempts: 1 });
    expect(await correcting).toBe('queued');
    expect((await db.outbox.toArray())[0]?.body).toMatchObject({ street: 'Storgatan' });
  });

  it('corrects a create the server refused, which is then sent again (as editing a refused entry does)', async () => {
    const db = openDb();
    const guid = await createCustomer(db, { ...typo, preferredChannel: 'FAX' });
    const failure: ApiFailure = { kind: 'validation', message: 'Not valid', fieldErrors: { preferredChannel: ['Must be one of LETTER, E-INVOICE, EMAIL, SMS'] } };
    await db.outbox.toCollection().modify({ state: 'attention', attempts: 1, notBefore: 123, lastFailure: failure });
    expect(await updateCreatedAddress(db, guid, { street: 'Storgatan' })).toBe('resent');
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ op: 'create', state: 'pending', attempts: 0, notBefore: 0, lastFailure: null });
    expect(entry?.body).toMatchObject({ street: 'Storgatan', preferredChannel: 'FAX' });
    expect((await mainAddress(db, guid))[0]?.street).toBe('Storgatan');
  });

  it('is not how the address of a customer on the server changes', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await expect(updateCreatedAddress(db, guid, { street: 'Ny' })).rejects.toBeInstanceOf(EntryStateError);
    await expect(updateCreatedAddress(db, 'c0000000-0000-4000-8000-00000000dead', { street: 'Ny' })).rejects.toBeInstanceOf(NotInCacheError);
    expect(await db.outbox.count()).toBe(0);
  });
});
