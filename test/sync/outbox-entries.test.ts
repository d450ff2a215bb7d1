import { describe, expect, it } from 'vitest';
import {
  createAddress, createCustomer, discardEntry, editEntry, EntryStateError, InvalidInputError, QueuedChildrenError, retryEntry,
  updateAddress, updateCustomer, deleteCustomer,
} from '../../renderer/src/outbox';
import { cachedFixture, openDb } from './outbox-fixtures';

// What the user can do with one queued change: discard it, send it again, fix its body.

describe('discardEntry', () => {
  it('restores the working copy from the base and the entries that remain', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await updateCustomer(db, guid, { email: 'one@example.se' });
    await db.outbox.toCollection().modify({ state: 'sending' });
    await updateCustomer(db, guid, { lastname: 'Lind' });
    const [first, second] = await db.outbox.orderBy('seq').toArray();
    expect(await db.customers.get(guid)).toMatchObject({ email: 'one@example.se', lastname: 'Lind' });

    await expect(discardEntry(db, first!.seq!)).rejects.toBeInstanceOf(EntryStateError); // on the wire
    expect(await discardEntry(db, second!.seq!)).toEqual([expect.objectContaining({ seq: second!.seq, op: 'update' })]);
    expect(await db.customers.get(guid)).toMatchObject({ email: 'one@example.se', lastname: 'Lindqvist', sortName: 'ada lindqvist' });
  });

  it('discarding a delete brings the record back', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await deleteCustomer(db, guid);
    expect(await db.customers.get(guid)).toBeUndefined();
    await discardEntry(db, (await db.outbox.toArray())[0]!.seq!);
    expect(await db.customers.get(guid)).toMatchObject({ fullName: 'Ada Lindqvist', sortCity: 'uppsala' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('discarding a create drops what was queued after it; for a customer its children only with consent', async () => {
    const db = openDb();
    const guid = await createCustomer(db, { fullName: 'Kund AB', juridicalType: 1 });
    const address = await createAddress(db, guid, { city: 'Kiruna' });
    await updateAddress(db, guid, address, { street: 'Gruvvägen' });
    const create = (await db.outbox.toArray())[0]!;
    await expect(discardEntry(db, create.seq!)).rejects.toBeInstanceOf(QueuedChildrenError);
    expect(await db.outbox.count()).toBe(2);
    const gone = await discardEntry(db, create.seq!, { discardQueuedChildren: true });
    expect(gone.map((e) => e.entity).sort()).toEqual(['address', 'customer']);
    expect([await db.customers.count(), await db.addresses.count(), await db.outbox.count()]).toEqual([0, 0, 0]);
  });
});

describe('retryEntry and editEntry', () => {
  it('retry puts a refused entry back in the queue, now', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await updateCustomer(db, guid, { preferredChannel: 'PIGEON' });
    const seq = (await db.outbox.toArray())[0]!.seq!;
    await db.outbox.update(seq, { state: 'attention', attempts: 3, notBefore: 99, lastFailure: { kind: 'validation', message: 'no' } });
    await retryEntry(db, seq);
    expect(await db.outbox.get(seq)).toMatchObject({ state: 'pending', attempts: 0, notBefore: 0, lastFailure: null });
  });

  it('edit re-validates: a bad body changes nothing, a good one is queued again with the copy rebuilt', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await updateCustomer(db, guid, { preferredChannel: 'PIGEON' });
    const seq = (await db.outbox.toArray())[0]!.seq!;
    await db.outbox.update(seq, { state: 'attention', lastFailure: { kind: 'validation', message: 'no', fieldErrors: { preferredChannel: ['Must be one of LETTER, EMAIL'] } } });
    const before = await db.outbox.get(seq);
    const error = await editEntry(db, seq, { email: 'bad' }).catch((e: unknown) => e);
    expect((error as InvalidInputError).fieldErrors).toHaveProperty('email');
    expect(await db.outbox.get(seq)).toEqual(before);

    await editEntry(db, seq, { preferredChannel: 'LETTER' });
    expect(await db.outbox.get(seq)).toMatchObject({ state: 'pending', body: { preferredChannel: 'LETTER' }, lastFailure: null });
    expect((await db.customers.get(guid))?.preferredChannel).toBe('LETTER');
  });

  it('edits a refused create (e.g. a name the server rejected)', async () => {
    const db = openDb();
    const guid = await createCustomer(db, { fullName: 'Typo AB', juridicalType: 1, invoiceChannel: 'FAX' });
    const seq = (await db.outbox.toArray())[0]!.seq!;
    await db.outbox.update(seq, { state: 'attention' });
    await editEntry(db, seq, { fullName: 'Fixed AB', juridicalType: 1, invoiceChannel: 'LETTER' });
    expect((await db.outbox.get(seq))?.body).toEqual({ fullName: 'Fixed AB', juridicalType: 1, invoiceChannel: 'LETTER', customerGuid: guid });
    expect((await db.customers.get(guid))?.fullName).toBe('Fixed AB');
  });
});
