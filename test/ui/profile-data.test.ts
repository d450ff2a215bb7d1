import { indexedDB } from 'fake-indexeddb';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/ipc';
import type { ConnectionProfile } from '../../shared/profiles';
import { databaseName } from '../../renderer/src/cache/db';
import { updateCustomer } from '../../renderer/src/outbox';
import {
  deleteOfflineData, exportChangesOf, unsyncedChangesOf, type ProfileDataContext,
} from '../../renderer/src/settings/profile-data';
import { journalEntry } from '../bridge/fuzz-payloads';
import { apticInput } from '../bridge/helpers';
import { openReady, useWorld, valueOf } from '../durability/fixtures';
import { syncedFixture } from '../sync/outbox-fixtures';

// What deleting a profile in Settings counts, exports and deletes of its offline database
// (renderer/src/settings/profile-data.ts), on fake-indexeddb against the real main process: the
// unsent changes are the union of the profile's outbox and its journal, an outbox that cannot be
// read is "unknown" (never 0), the export takes the outbox as it is on disk, and the deletion
// removes exactly that profile's database.

const world = useWorld();

const names = async (): Promise<string[]> => (await indexedDB.databases()).map((info) => info.name ?? '');

describe("a profile's offline data", () => {
  it('of another profile: counted from its outbox and its journal, exported from its outbox, and deleted alone', async () => {
    const { client, sandbox } = world();
    const other = valueOf(await client.profiles.create(apticInput('Other office')));
    const demo = await openReady('demo', client);
    const opened = await openReady(other.id, client);
    const guid = await syncedFixture(sandbox(), opened.db);
    await updateCustomer(opened.db, guid, { email: 'typed.offline@example.se' });
    await opened.mirror.flush();
    opened.db.close();
    const context: ProfileDataContext = { bridge: client, db: demo.db, activeProfileId: 'demo', stopSync: async () => undefined, indexedDB };

    expect(await unsyncedChangesOf(other.id, context)).toBe(1);
    // A change only the journal still holds (written there, lost from IndexedDB) counts too.
    valueOf(await client.journal.append(other.id, [{ seq: 99, entry: journalEntry(99, guid) as JournalEntry }]));
    expect(await unsyncedChangesOf(other.id, context)).toBe(2);
    // Counting did not open (or upgrade) anything for the Demo profile's sake.
    expect(await unsyncedChangesOf('demo', context)).toBe(0);

    const exported = await exportChangesOf(other.id, context);
    expect(exported).toMatchObject({ kind: 'saved', count: 1 });
    const file = JSON.parse(await readFile(exported.kind === 'saved' ? exported.path : '', 'utf8')) as { changes: { values: unknown }[] };
    expect(file.changes[0]?.values).toMatchObject({ email: 'typed.offline@example.se' });

    expect(await names()).toEqual(expect.arrayContaining([databaseName('demo'), databaseName(other.id)]));
    await deleteOfflineData(other.id, context);
    expect(await names()).not.toContain(databaseName(other.id));
    expect(await names()).toContain(databaseName('demo'));
    // The journal is main's to clear (profiles.remove): it still holds both, and an export now takes them from there.
    expect(await unsyncedChangesOf(other.id, context)).toBe(2);
    expect(await exportChangesOf(other.id, context, true)).toMatchObject({ kind: 'saved', count: 2 });
  });

  it('an outbox that cannot be read is unknown, not zero', async () => {
    const { client } = world();
    const demo = await openReady('demo', client);
    const other: ConnectionProfile = valueOf(await client.profiles.create(apticInput('Unreadable office')));
    const broken = { open: () => { throw new Error('the database is corrupt'); } } as unknown as IDBFactory;
    const context: ProfileDataContext = { bridge: client, db: demo.db, activeProfileId: 'demo', stopSync: async () => undefined, indexedDB: broken };
    expect(await unsyncedChangesOf(other.id, context)).toBeNull();
  });

  it('of the profile in use: its sync is stopped, its last changes reach the journal, and its open database is deleted', async () => {
    const { client, sandbox } = world();
    const demo = await openReady('demo', client);
    const guid = await syncedFixture(sandbox(), demo.db);
    await updateCustomer(demo.db, guid, { email: 'in.use@example.se' });
    let stopped = 0;
    const context: ProfileDataContext = { bridge: client, db: demo.db, activeProfileId: 'demo', stopSync: async () => void stopped++, indexedDB };

    expect(await unsyncedChangesOf('demo', context)).toBe(1);
    await deleteOfflineData('demo', context);
    expect(stopped).toBe(1);
    expect(await names()).not.toContain(databaseName('demo'));
    // The journal kept the change (main clears it only when the profile is removed), so an export still finds it.
    expect(valueOf(await client.journal.read('demo')).entries).toHaveLength(1);
    expect(await exportChangesOf('demo', context, true)).toMatchObject({ kind: 'saved', count: 1 });
  });
});
