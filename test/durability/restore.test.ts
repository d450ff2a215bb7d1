import { describe, expect, it } from 'vitest';
import type { BridgeClient, JournalEntry } from '../../shared/ipc';
import { databaseName, FieldbookDb } from '../../renderer/src/cache/db';
import {
  exportJournal, inEnglish, restoredMessage, resetDatabase, toJournalEntry,
} from '../../renderer/src/durability';
import { createAddress, createCustomer, createParameter, updateCustomer, updateParameter } from '../../renderer/src/outbox';
import type { QueuedEntry } from '../../renderer/src/outbox/queue';
import { drainOutbox } from '../../renderer/src/sync/push';
import { arrived, syncedFixture } from '../sync/outbox-fixtures';
import { dexie, openDurable, openReady, useWorld, valueOf } from './fixtures';

// The journal brings unsynced changes back when IndexedDB loses them: the database deleted, its
// outbox emptied behind Fieldbook's back, or the database unopenable. The next drain against the
// real sandbox then sends them, and nothing arrives twice.

const world = useWorld();

const journalOf = async (client: BridgeClient, profileId = 'demo'): Promise<JournalEntry[]> => valueOf(await client.journal.read(profileId)).entries;

/** Queues one of everything on a synced customer, and a new customer; returns what the server must end up with. */
async function queueChanges(db: FieldbookDb, guid: string): Promise<{ fresh: string }> {
  await updateCustomer(db, guid, { email: 'restored@example.se', preferredChannel: 'LETTER' });
  await createAddress(db, guid, { addressType: 'INVOICE', street: 'Kungsgatan', houseNo: '12', city: 'Göteborg', countryCode: 'SE' });
  await updateParameter(db, guid, 'Risk class', { value: 'A' });
  const fresh = await createCustomer(db, { fullName: 'Återställda AB', juridicalType: 1, city: 'Luleå', email: 'info@aterstallda.se' });
  await createParameter(db, fresh, { name: 'Segment', value: 'Restored' });
  return { fresh };
}

describe('restoring from the journal', () => {
  it('the database deleted with queued changes: every entry comes back, and the next drain sends them once', async () => {
    const { client, sandbox } = world();
    const s = sandbox();
    const first = await openReady('demo', client);
    const guid = await syncedFixture(s, first.db);
    const { fresh } = await queueChanges(first.db, guid);
    await first.mirror.flush();
    const before = (await first.db.outbox.orderBy('seq').toArray()) as QueuedEntry[];
    expect(before).toHaveLength(5);
    first.mirror.detach();
    first.db.close();
    await new FieldbookDb(databaseName('demo'), dexie).delete();

    const { db, report, mirror } = await openReady('demo', client, { storage: { persist: async () => true, persisted: async () => false } });
    expect(report).toMatchObject({
      restored: 5, restoredBecause: 'outbox-empty', databaseRecreated: false, journal: 'ok', persisted: true,
      messages: [{ key: 'durability.restored', params: { count: 5 } }],
    });
    const restored = (await db.outbox.orderBy('seq').toArray()) as QueuedEntry[];
    // Same seqs, same bodies and merge bases; every one to be checked with the server before it is sent.
    expect(restored.map((e) => [e.seq, e.entityKey, e.body, e.baseValues])).toEqual(before.map((e) => [e.seq, e.entityKey, e.body, e.baseValues]));
    expect(restored.every((e) => e.state === 'sending' && e.lastFailure?.message === restoredMessage)).toBe(true);
    // The working copies the outbox can rebuild without a server version: the new customer and its parameter.
    expect(await db.customers.get(fresh)).toMatchObject({ fullName: 'Återställda AB', localOnly: true });
    expect(await db.parameters.get([fresh, 'Segment'])).toMatchObject({ value: 'Restored' });
    // New writes get numbers after the restored ones.
    await createParameter(db, fresh, { name: 'Later', value: 'x' });
    const later = (await db.outbox.orderBy('seq').last())?.seq ?? 0;
    expect(later).toBeGreaterThan(Math.max(...before.map((e) => e.seq ?? 0)));
    await mirror.flush();
    expect(await journalOf(client)).toEqual((await db.outbox.orderBy('seq').toArray()).map((e) => toJournalEntry(e as QueuedEntry)));

    const creates = arrived(s, 'createCustomer');
    const result = await drainOutbox(db, client.api);
    expect(result).toMatchObject({ sent: 6, remaining: 0, attention: 0, conflicts: 0 });
    expect(arrived(s, 'createCustomer')).toBe(creates + 1);
    const server = s.store.record(guid);
    expect(server?.customer).toMatchObject({ email: 'restored@example.se', preferredChannel: 'LETTER' });
    expect(server?.customer.addresses?.map((a) => a.street)).toEqual(['Storgatan', 'Kungsgatan']);
    expect(s.store.children(server!).parameters.map((p) => [p.name, p.value])).toEqual([['Risk class', 'A']]);
    const created = s.store.record(fresh);
    expect(s.store.children(created!).parameters.map((p) => p.name).sort()).toEqual(['Later', 'Segment']);
    await mirror.flush();
    expect(await journalOf(client)).toEqual([]);
  });

  it('the outbox emptied behind Fieldbook\'s back: restored on the next start', async () => {
    const { client, sandbox } = world();
    const first = await openReady('demo', client);
    const guid = await syncedFixture(sandbox(), first.db);
    await updateCustomer(first.db, guid, { email: 'kept@example.se' });
    await first.mirror.flush();
    first.mirror.detach();
    await first.db.outbox.clear();
    first.db.close();

    const { db, report } = await openReady('demo', client);
    expect(report).toMatchObject({ restored: 1, restoredBecause: 'outbox-empty' });
    // The base survived here, so the working copy shows the change at once.
    expect(await db.customers.get(guid)).toMatchObject({ email: 'kept@example.se' });
    expect(await drainOutbox(db, client.api)).toMatchObject({ sent: 1, remaining: 0 });
    expect(sandbox().store.record(guid)?.customer.email).toBe('kept@example.se');
  });

  it('a journal a step behind (the app stopped before a removal reached it): restored, then recognised as already on the server', async () => {
    const { client, sandbox } = world();
    const s = sandbox();
    const first = await openReady('demo', client);
    const fresh = await createCustomer(first.db, { fullName: 'Redan Synkad AB', juridicalType: 1 });
    await first.mirror.flush();
    const stale = await journalOf(client);
    expect(await drainOutbox(first.db, client.api)).toMatchObject({ sent: 1 });
    await first.mirror.flush();
    // The removal is lost: the journal still holds the pending create.
    valueOf(await client.journal.append('demo', stale.map((entry) => ({ seq: entry.seq, entry }))));
    first.mirror.detach();
    first.db.close();
    await new FieldbookDb(databaseName('demo'), dexie).delete();

    const creates = arrived(s, 'createCustomer');
    const { db, report } = await openReady('demo', client);
    expect(report.restored).toBe(1);
    expect(await drainOutbox(db, client.api)).toMatchObject({ sent: 1, remaining: 0, attention: 0 });
    expect(arrived(s, 'createCustomer')).toBe(creates);
    expect(s.store.record(fresh)?.customer.fullName).toBe('Redan Synkad AB');
  });

  it('brings the journal level with a non-empty outbox at start (missing entries written, stale ones removed)', async () => {
    const { client, sandbox } = world();
    const first = await openReady('demo', client);
    const guid = await syncedFixture(sandbox(), first.db);
    await updateCustomer(first.db, guid, { email: 'a@example.se' });
    await first.mirror.flush();
    first.mirror.detach();
    // Changes the journal never heard of (the app stopped before they were written)...
    await updateParameter(first.db, guid, 'Risk class', { value: 'C' });
    // ...and one it holds that the outbox no longer has.
    valueOf(await client.journal.append('demo', [{ seq: 999, entry: { ...(await journalOf(client))[0] as JournalEntry, seq: 999 } }]));
    first.db.close();

    const { db, report, mirror } = await openReady('demo', client);
    expect(report.restored).toBe(0);
    await mirror.flush();
    expect(await journalOf(client)).toEqual((await db.outbox.orderBy('seq').toArray()).map((e) => toJournalEntry(e as QueuedEntry)));
    expect(await db.outbox.count()).toBe(2);
  });
});

/** A profile's database as an older, incompatible build left it: Dexie cannot open it, plain IndexedDB can. */
async function plantIncompatibleDatabase(name: string, entries: readonly QueuedEntry[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = dexie.indexedDB.open(name, 5);
    request.onupgradeneeded = () => {
      // The outbox keyed without auto-increment: Dexie refuses to change a primary key.
      const store = request.result.createObjectStore('outbox', { keyPath: 'seq' });
      for (const entry of entries) store.put(entry);
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

describe('an unopenable database', () => {
  it('is replaced only after the journal holds every entry of its outbox, then restored', async () => {
    const { client, sandbox } = world();
    const s = sandbox();
    const first = await openReady('demo', client);
    const guid = await syncedFixture(s, first.db);
    await updateCustomer(first.db, guid, { email: 'salvaged@example.se' });
    await first.mirror.flush();
    const journaled = (await first.db.outbox.toArray()) as QueuedEntry[];
    first.mirror.detach();
    first.db.close();
    await new FieldbookDb(databaseName('demo'), dexie).delete();
    // The database holds one entry the journal never got.
    const unseen = { ...(journaled[0] as QueuedEntry), seq: 7, body: { cellularPhone: '+46 70 222 22 22' }, baseValues: { cellularPhone: '+46 70 123 45 67' } };
    await plantIncompatibleDatabase(databaseName('demo'), [journaled[0] as QueuedEntry, unseen]);
    const logs: string[] = [];

    const { db, report } = await openReady('demo', client, { log: (line) => logs.push(line) });
    expect(report).toMatchObject({ restored: 2, restoredBecause: 'database-unopenable', databaseRecreated: true });
    expect(report.messages).toContainEqual({ key: 'durability.restored', params: { count: 2 } });
    expect(report.messages.map(inEnglish)).toContain('Restored 2 unsynced changes from the journal.');
    expect(logs.join('\n')).toContain('confirmed in the journal (1 written now)');
    expect(logs.join('\n')).not.toContain('salvaged@example.se');
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => e.body)).toEqual([{ email: 'salvaged@example.se' }, { cellularPhone: '+46 70 222 22 22' }]);
    expect(await drainOutbox(db, client.api)).toMatchObject({ sent: 2, remaining: 0 });
    expect(s.store.record(guid)?.customer).toMatchObject({ email: 'salvaged@example.se', cellularPhone: '+46 70 222 22 22' });
  });

  it('is left alone when its outbox cannot be read either; the user exports and resets', async () => {
    const { client, sandbox, h } = world();
    const first = await openReady('demo', client);
    const guid = await syncedFixture(sandbox(), first.db);
    await updateCustomer(first.db, guid, { email: 'in-the-journal@example.se' });
    await first.mirror.flush();
    first.mirror.detach();
    first.db.close();
    const broken = new Proxy(dexie.indexedDB, {
      get(target, key) {
        if (key === 'open') return () => { throw new DOMException('Internal error opening backing store', 'UnknownError'); };
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });

    const result = await openDurable('demo', client, { dexie: { ...dexie, indexedDB: broken } });
    expect(result).toMatchObject({ kind: 'unavailable', pending: 1, message: { key: 'durability.unavailable.safe', params: { count: 1, why: 'UnknownError' } } });
    if (result.kind !== 'unavailable') throw new Error('expected an unavailable database');
    expect(inEnglish(result.message)).toContain('1 unsynced change is safe in the journal: export it, then reset the offline database.');
    // Nothing was deleted.
    expect((await dexie.indexedDB.databases()).map((d) => d.name)).toContain(databaseName('demo'));
    expect(await exportJournal(client, 'demo')).toMatchObject({ kind: 'saved', count: 1, path: expect.stringContaining(h.dir) });

    const reset = await resetDatabase('demo', client, { confirm: true }, { dexie, storage: null });
    if (reset.kind !== 'ready') throw new Error(inEnglish(reset.message));
    expect(reset.report).toMatchObject({ restored: 1, restoredBecause: 'outbox-empty' });
    expect((await reset.db.outbox.toArray()).map((e) => e.body)).toEqual([{ email: 'in-the-journal@example.se' }]);
    reset.mirror.detach();
    reset.db.close();
  });
});
