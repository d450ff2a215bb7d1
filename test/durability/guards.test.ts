import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createBridgeClient } from '../../shared/ipc';
import type { ConnectionProfile } from '../../shared/profiles';
import {
  clearCache, exportPendingChanges, unsyncedCount, UnsyncedChangesError,
} from '../../renderer/src/durability';
import { createCustomer, createParameter, updateCustomer, updateParameter } from '../../renderer/src/outbox';
import { drainOutbox } from '../../renderer/src/sync/push';
import { apticInput, createHarness } from '../bridge/helpers';
import { cachedFixture, syncedFixture } from '../sync/outbox-fixtures';
import { openReady, transportOf, useWorld, valueOf } from './fixtures';

// Destructive actions while changes are unsynced: clearing the cache, deleting the profile and
// signing out are refused until confirmed, and the export written before holds every pending
// change in a form a person can read.

const world = useWorld();

interface ExportFile {
  about: string;
  count: number;
  profile: { id: string; name: string };
  changes: { number: number; summary: string; kind: string; action: string; customerGuid: string; recordId: string; status: string; values: unknown; valuesBefore?: unknown }[];
}

describe('guarded destructive actions', () => {
  it('clearCache refuses while changes are unsynced, and with confirmation clears the outbox and the journal for good', async () => {
    const { client, sandbox, h } = world();
    const { db, mirror } = await openReady('demo', client);
    const guid = await syncedFixture(sandbox(), db);
    await updateCustomer(db, guid, { email: 'unsynced@example.se' });
    await createParameter(db, guid, { name: 'Segment', value: 'SME' });

    expect(await unsyncedCount(db)).toBe(2);
    const refusal = await clearCache(db).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UnsyncedChangesError);
    expect(refusal).toMatchObject({ kind: 'unsynced-changes', count: 2 });
    expect(await db.outbox.count()).toBe(2);
    expect(await db.customers.count()).toBe(1);

    expect(await clearCache(db, { confirmUnsynced: true })).toEqual({ discarded: 2 });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.customers.count()).toBe(0);
    await mirror.flush();
    expect(valueOf(await client.journal.read('demo')).entries).toEqual([]);
    await expect(readFile(h.main.journal.fileOf('demo'))).rejects.toMatchObject({ code: 'ENOENT' });
    // Nothing comes back at the next start: the user agreed to lose it.
    db.close();
    expect((await openReady('demo', client)).report.restored).toBe(0);
  });

  it('clearCache without unsynced changes needs no confirmation', async () => {
    const { client, sandbox } = world();
    const { db } = await openReady('demo', client);
    const guid = await syncedFixture(sandbox(), db);
    await updateCustomer(db, guid, { email: 'sent@example.se' });
    await drainOutbox(db, client.api);
    expect(await clearCache(db)).toEqual({ discarded: 0 });
    expect(await db.customers.count()).toBe(0);
  });

  it('deleting a profile or signing out is refused with the count; the export holds every pending change, readable', async () => {
    const { client, h } = world();
    const profile = valueOf(await client.profiles.create(apticInput('Field office')));
    valueOf(await client.credentials.set(profile.id, 'clientSecret', 'field-secret-1'));
    const { db } = await openReady(profile.id, client);
    const guid = await cachedFixture(db);
    await updateCustomer(db, guid, { email: 'field@example.se', preferredChannel: 'SMS' });
    await updateParameter(db, guid, 'Risk class', { value: 'A' });
    const fresh = await createCustomer(db, { fullName: 'Nya Kunden AB', juridicalType: 1, city: 'Visby' });

    // exportPendingChanges flushes the mirror first, so main's guard sees all three.
    const exported = await exportPendingChanges(db, client);
    expect(exported).toMatchObject({ kind: 'saved', count: 3 });
    const path = exported.kind === 'saved' ? exported.path : '';
    const text = await readFile(path, 'utf8');
    expect(text).toContain('\n  "changes": [\n'); // indented for people
    expect(text).not.toContain('field-secret-1');
    const file = JSON.parse(text) as ExportFile;
    expect(file).toMatchObject({ count: 3, profile: { id: profile.id, name: 'Field office' }, about: expect.stringContaining('had not reached the server') });
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(file.changes.map((c) => [c.number, c.recordId, c.values])).toEqual(outbox.map((e) => [e.seq, e.id, e.body]));
    expect(file.changes[0]).toMatchObject({
      kind: 'customer', action: 'update', customerGuid: guid, status: 'waiting to be sent',
      summary: `Changed email, preferredChannel of customer ${guid}`,
      values: { email: 'field@example.se', preferredChannel: 'SMS' }, valuesBefore: { email: 'ada@example.se', preferredChannel: 'EMAIL' },
    });
    expect(file.changes[2]).toMatchObject({ summary: `New customer ${fresh}`, values: { fullName: 'Nya Kunden AB', city: 'Visby' } });

    // Signing out (clearing a credential) and deleting the profile wait for the user.
    expect(await client.credentials.clear(profile.id, 'clientSecret')).toEqual({
      ok: false, failure: { kind: 'unsynced-changes', count: 3, message: expect.stringContaining('3 changes have not reached the server') },
    });
    expect(await client.profiles.remove(profile.id)).toMatchObject({ ok: false, failure: { kind: 'unsynced-changes', count: 3 } });
    expect(valueOf(await client.profiles.list()).profiles.map((p: ConnectionProfile) => p.id)).toContain(profile.id);
    expect(valueOf(await client.credentials.status(profile.id))).toMatchObject({ clientSecret: true });

    expect(valueOf(await client.credentials.clear(profile.id, 'clientSecret', { confirmUnsynced: true }))).toMatchObject({ clientSecret: false });
    expect(valueOf(await client.profiles.remove(profile.id, { confirmUnsynced: true }))).toMatchObject({ activeId: 'demo' });
    expect(await h.main.journal.count(profile.id)).toBe(0);
  });

  it('with nothing pending there is nothing to export; a cancelled save dialog writes nothing', async () => {
    const { client } = world();
    const { db } = await openReady('demo', client);
    expect(await exportPendingChanges(db, client)).toEqual({ kind: 'nothing' });

    const cancelling = await createHarness({ start: false, chooseSavePath: async () => null });
    try {
      const other = createBridgeClient(transportOf(cancelling));
      const cache = await openReady('demo', other);
      await createCustomer(cache.db, { fullName: 'Avbruten AB', juridicalType: 1 });
      expect(await exportPendingChanges(cache.db, other)).toEqual({ kind: 'cancelled' });
      expect((await readdir(cancelling.dir)).filter((name) => name.endsWith('.json') && name.startsWith('fieldbook-'))).toEqual([]);
    } finally {
      await cancelling.close();
    }
  });
});
