import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { BridgeClient, JournalEntry } from '../../shared/ipc';
import type { OutboxEntry } from '../../renderer/src/cache/records';
import { mirrorOf, toJournalEntry, type JournalMirrorStatus } from '../../renderer/src/durability';
import {
  createAddress, createCustomer, createParameter, deleteParameter, discardEntry, updateCustomer, updateParameter,
} from '../../renderer/src/outbox';
import type { QueuedEntry } from '../../renderer/src/outbox/queue';
import { drainOutbox } from '../../renderer/src/sync/push';
import { syncedFixture } from '../sync/outbox-fixtures';
import { openReady, useWorld } from './fixtures';

// Every outbox change reaches the journal in main, in commit order, after its transaction
// commits; an aborted transaction sends nothing; a failed journal write is retried and shown,
// never dropped; and once a drain has synced everything, the journal compacts to nothing.

const world = useWorld();

const journalOf = async (client: BridgeClient, profileId: string): Promise<JournalEntry[]> => {
  const result = await client.journal.read(profileId);
  if (!result.ok) throw new Error(result.failure.message);
  return result.value.entries;
};
const asJournal = (entries: OutboxEntry[]): JournalEntry[] => entries.map((e) => toJournalEntry(e as QueuedEntry));

describe('the outbox mirror', () => {
  it('writes every outbox change to the journal: creates, coalesced updates, discards', async () => {
    const { client, sandbox, h } = world();
    const { db, mirror } = await openReady('demo', client);
    const guid = await syncedFixture(sandbox(), db);

    await updateCustomer(db, guid, { email: 'first@example.se' });
    await updateCustomer(db, guid, { email: 'second@example.se', cellularPhone: '+46 70 000 00 00' });
    const address = await createAddress(db, guid, { addressType: 'INVOICE', street: 'Kungsgatan', houseNo: '12', city: 'Göteborg', countryCode: 'SE' });
    await updateParameter(db, guid, 'Risk class', { value: 'A' });
    await createParameter(db, guid, { name: 'Segment', value: 'SME' });
    await deleteParameter(db, guid, 'Segment'); // a create never sent: removed
    const fresh = await createCustomer(db, { fullName: 'Fjällbolaget AB', juridicalType: 1, city: 'Kiruna' });
    await mirror.flush();

    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox).toHaveLength(4);
    expect(await journalOf(client, 'demo')).toEqual(asJournal(outbox));
    expect(outbox.find((e) => e.entity === 'customer' && e.op === 'update')?.body).toEqual({ email: 'second@example.se', cellularPhone: '+46 70 000 00 00' });
    expect(outbox.map((e) => e.id)).toEqual([guid, address, 'Risk class', fresh]);

    // A discard is a removal, and says so in the file.
    const create = outbox.find((e) => e.id === fresh)?.seq as number;
    await discardEntry(db, create);
    await mirror.flush();
    expect((await journalOf(client, 'demo')).map((e) => e.seq)).not.toContain(create);
    const lines = (await readFile(h.main.journal.fileOf('demo'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => line['removed'])).toEqual(expect.arrayContaining([
      expect.objectContaining({ seq: create, removed: true, reason: 'discarded' }),
    ]));
    expect(mirror.status.get()).toMatchObject({ state: 'saved', unsaved: 0, lastError: null });
  });

  it('sends nothing for a transaction that aborted', async () => {
    const { client, sandbox } = world();
    const { db, mirror } = await openReady('demo', client);
    const guid = await syncedFixture(sandbox(), db);
    await updateCustomer(db, guid, { email: 'kept@example.se' });
    await expect(db.transaction('rw', db.outbox, async () => {
      await db.outbox.add({ ...(await db.outbox.toArray())[0] as OutboxEntry, seq: undefined, body: { email: 'never@example.se' } });
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    await mirror.flush();
    expect((await journalOf(client, 'demo')).map((e) => e.body)).toEqual([{ email: 'kept@example.se' }]);
  });

  it('sees changes however they are made: Collection.modify, Collection.delete', async () => {
    const { client, sandbox, h } = world();
    const { db, mirror } = await openReady('demo', client);
    const guid = await syncedFixture(sandbox(), db);
    await updateCustomer(db, guid, { email: 'x@example.se' });
    await createParameter(db, guid, { name: 'A', value: '1' });
    await createParameter(db, guid, { name: 'B', value: '2' });
    // As push's re-keying does.
    await db.transaction('rw', db.outbox, () => db.outbox.where('customerGuid').equals(guid).modify((e) => {
      e.attempts = 7;
    }));
    await mirror.flush();
    expect((await journalOf(client, 'demo')).map((e) => e.attempts)).toEqual([7, 7, 7]);
    await db.outbox.where('customerGuid').equals(guid).and((e) => e.entity === 'parameter').delete();
    await mirror.flush();
    expect((await journalOf(client, 'demo')).map((e) => e.entity)).toEqual(['customer']);
    const reasons = (await readFile(h.main.journal.fileOf('demo'), 'utf8')).trim().split('\n')
      .map((line) => JSON.parse(line) as { reason?: string }).filter((line) => line.reason).map((line) => line.reason);
    expect(reasons).toEqual(['discarded', 'discarded']);
  });

  it('retries a failed journal write, shows it, and loses nothing written meanwhile', async () => {
    const { client, sandbox } = world();
    let failing = 3;
    const flaky: BridgeClient = {
      ...client,
      journal: {
        ...client.journal,
        append: async (profileId, records) => {
          if (failing > 0) {
            failing--;
            return { ok: false, failure: { kind: 'internal', message: 'The disk is full' } };
          }
          return client.journal.append(profileId, records);
        },
      },
    };
    const { db, mirror } = await openReady('demo', flaky, { mirror: { retryDelayMs: () => 20 } });
    const seen: JournalMirrorStatus[] = [];
    mirror.status.subscribe((status) => seen.push(status));
    const guid = await syncedFixture(sandbox(), db);
    await updateCustomer(db, guid, { email: 'one@example.se' });
    await expect(mirror.flush()).rejects.toThrow('The disk is full');
    expect(mirror.status.get()).toMatchObject({ state: 'retrying', unsaved: 1, lastError: { key: 'durability.journalRetrying', params: { message: 'The disk is full' } } });
    // Written while the journal is failing: merged with what is waiting, the newer state wins.
    await updateCustomer(db, guid, { cellularPhone: '+46 70 111 11 11' });
    await createParameter(db, guid, { name: 'Segment', value: 'SME' });
    await expect.poll(() => mirror.status.get().state, { timeout: 5_000 }).toBe('saved');
    await mirror.flush();
    expect(await journalOf(client, 'demo')).toEqual(asJournal(await db.outbox.orderBy('seq').toArray()));
    expect(seen.some((s) => s.state === 'retrying')).toBe(true);
    expect(mirror.status.get().lastSavedAt).not.toBeNull();
    expect(failing).toBe(0);
  });

  it('after a successful drain the journal compacts to nothing', async () => {
    const { client, sandbox, h } = world();
    const { db, mirror } = await openReady('demo', client);
    const guid = await syncedFixture(sandbox(), db);
    await updateCustomer(db, guid, { email: 'drained@example.se' });
    await createAddress(db, guid, { addressType: 'DELIVERY', street: 'Gruvvägen', city: 'Kiruna', countryCode: 'SE' });
    await createParameter(db, guid, { name: 'Segment', value: 'Mining' });
    await mirror.flush();
    expect(await journalOf(client, 'demo')).toHaveLength(3);

    expect(await drainOutbox(db, client.api)).toMatchObject({ sent: 3, remaining: 0, attention: 0 });
    await mirror.flush();
    expect(await journalOf(client, 'demo')).toEqual([]);
    await expect(readFile(h.main.journal.fileOf('demo'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(sandbox().store.record(guid)?.customer.email).toBe('drained@example.se');
    expect(mirrorOf(db)).toBe(mirror);
  });
});
