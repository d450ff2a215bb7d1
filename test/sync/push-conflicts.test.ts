import { describe, expect, it } from 'vitest';
import { updateCreditInsurance, updateCustomer, updateParameter } from '../../renderer/src/outbox';
import { conflictsOf, resolveConflict } from '../../renderer/src/sync/conflicts';
import { drainOutbox } from '../../renderer/src/sync/push';
import { writeTables } from '../../renderer/src/outbox/tables';
import { rebuild } from '../../renderer/src/outbox/working-copy';
import { apiOf, openDb, syncedFixture, useSandbox } from './outbox-fixtures';

// The same field changed on both sides: a conflict for the user, never a silent overwrite.

const sandbox = useSandbox();
const insurance = 'c1000000-0000-4000-8000-000000000001';

describe('conflicts', () => {
  it('records base, theirs and yours, keeps the user\'s value showing, and does not block other records', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    const other = await syncedFixture(s, db);
    await updateCustomer(db, guid, { email: 'mine@example.se', workPhone: '08-1' });
    await updateCustomer(db, other, { email: 'other@example.se' });
    s.store.updateCustomer(guid, { email: 'theirs@example.se', homePhone: '018-2' });

    const result = await drainOutbox(db, apiOf(s));
    expect(result).toMatchObject({ sent: 1, conflicts: 1, remaining: 1 });
    const [conflict] = await conflictsOf(db, guid);
    expect(conflict?.fields).toEqual([{ field: 'email', base: 'ada@example.se', theirs: 'theirs@example.se', yours: 'mine@example.se' }]);
    expect(conflict?.theirs).toMatchObject({ email: 'theirs@example.se', homePhone: '018-2' });
    expect((await db.outbox.get(conflict!.outboxSeq))?.state).toBe('conflict');
    expect((await db.customers.get(guid))?.email).toBe('mine@example.se');
    expect(s.store.record(guid)?.customer.email).toBe('theirs@example.se'); // nothing was sent for it
    expect(s.store.record(other)?.customer.email).toBe('other@example.se');
    // A drain while the conflict is open leaves it alone.
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 0, conflicts: 0, remaining: 1 });
  });

  it('a pull that refreshed the base meanwhile does not hide the remote change', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await updateCustomer(db, guid, { email: 'mine@example.se' });
    s.store.updateCustomer(guid, { email: 'theirs@example.se' });
    // What the pull does: store the server's newer version as the base and rebuild the copy.
    await db.transaction('rw', writeTables(db), async () => {
      await db.bases.put({ entity: 'customer', key: guid, record: structuredClone(s.store.record(guid)!.customer), fetchedAt: 'now' });
      await rebuild(db, 'customer', guid, guid);
    });
    expect((await db.customers.get(guid))?.email).toBe('mine@example.se');
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 0, conflicts: 1 });
    expect((await conflictsOf(db, guid))[0]?.fields).toEqual([{ field: 'email', base: 'ada@example.se', theirs: 'theirs@example.se', yours: 'mine@example.se' }]);
  });

  it('resolved with "yours": the server gets the chosen value and keeps the other side\'s other change', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await updateCustomer(db, guid, { email: 'mine@example.se', workPhone: '08-1' });
    s.store.updateCustomer(guid, { email: 'theirs@example.se', homePhone: '018-2' });
    await drainOutbox(db, apiOf(s));
    const [conflict] = await conflictsOf(db, guid);
    await expect(resolveConflict(db, conflict!.id!, {})).rejects.toThrow(/Choose/u);

    await resolveConflict(db, conflict!.id!, { email: 'yours' });
    expect(await conflictsOf(db)).toEqual([]);
    expect((await db.outbox.toArray())[0]).toMatchObject({ state: 'pending', body: { email: 'mine@example.se', workPhone: '08-1' } });
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 1, conflicts: 0, remaining: 0 });
    expect(s.store.record(guid)?.customer).toMatchObject({ email: 'mine@example.se', workPhone: '08-1', homePhone: '018-2' });
    expect(await db.customers.get(guid)).toMatchObject({ email: 'mine@example.se', homePhone: '018-2' });
  });

  it('resolved with "theirs" or "base" on a child record', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await updateParameter(db, guid, 'Risk class', { value: 'A' });
    await updateCreditInsurance(db, guid, insurance, { note: 'mine', amount: 2000 });
    const children = s.store.children(s.store.record(guid)!);
    children.parameters[0]!.value = 'C';
    children.creditInsurances[0]!.note = 'theirs';
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ conflicts: 2 });

    const conflicts = await conflictsOf(db, guid);
    const byEntity = Object.fromEntries(conflicts.map((c) => [c.entity, c]));
    await resolveConflict(db, byEntity['parameter']!.id!, { value: 'theirs' });
    await resolveConflict(db, byEntity['creditInsurance']!.id!, { note: 'base' });
    // "theirs" for the only field: nothing left to send.
    expect((await db.outbox.toArray()).map((e) => [e.entity, e.body])).toEqual([['creditInsurance', { note: 'first', amount: 2000 }]]);
    expect((await db.parameters.get([guid, 'Risk class']))?.value).toBe('C');
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 1, remaining: 0 });
    expect(children.creditInsurances[0]).toMatchObject({ note: 'first', amount: 2000 });
    expect(children.parameters[0]?.value).toBe('C');
  });

  it('a further edit while in conflict joins the conflicted entry; changing it back to the original ends the conflict', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await updateCustomer(db, guid, { email: 'mine@example.se' });
    s.store.updateCustomer(guid, { email: 'theirs@example.se', workPhone: '08-9' });
    await drainOutbox(db, apiOf(s));
    await updateCustomer(db, guid, { workPhone: '08-1' }); // the server changed it too: a second conflict field
    expect((await conflictsOf(db, guid))[0]?.fields.map((f) => f.field)).toEqual(['email', 'workPhone']);
    expect(await db.outbox.count()).toBe(1);
    await updateCustomer(db, guid, { email: 'ada@example.se', workPhone: null });
    expect(await conflictsOf(db, guid)).toEqual([]);
    expect(await db.outbox.count()).toBe(0);
  });
});
