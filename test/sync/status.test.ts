import type { Observable } from 'dexie';
import { describe, expect, it } from 'vitest';
import { createSyncStatus, lastSyncedAtKey, type SyncStatus, type SyncStatusStore } from '../../renderer/src/sync/status';
import { enableLiveQueries, newDb, outboxEntry } from './pull-harness';

enableLiveQueries();

/** Resolves with the first status that satisfies `test` (liveQuery delivers asynchronously). */
function until(status: SyncStatusStore, test: (s: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    let done = false;
    const stop = status.subscribe((s) => {
      if (done || !test(s)) return;
      done = true;
      // Deferred: the first call comes from inside subscribe(), before `stop` is assigned.
      queueMicrotask(() => stop());
      resolve(s);
    });
  });
}

describe('createSyncStatus', () => {
  it('counts follow every outbox and conflict write', async () => {
    const db = newDb();
    const status = createSyncStatus(db);
    const seen: SyncStatus[] = [];
    const unsubscribe = status.subscribe((s) => seen.push(s));
    expect(seen[0], 'a subscriber gets the current value at once (Svelte store contract)').toMatchObject({ phase: 'idle', pending: 0 });

    const g = 'c0ffee00-0000-4000-8000-0000000000aa';
    const [first] = await db.outbox.bulkAdd(
      [outboxEntry('customer', 'update', g, g, { email: 'a@b.se' }), outboxEntry('parameter', 'create', g, 'Risk', { name: 'Risk' })],
      { allKeys: true },
    );
    await until(status, (s) => s.pending === 2);

    await db.outbox.update(first as number, { state: 'attention' });
    await until(status, (s) => s.pending === 1 && s.attention === 1);

    await db.outbox.add({ ...outboxEntry('address', 'update', g, 'x', { city: 'Luleå' }), state: 'conflict' });
    await db.conflicts.add({ entityKey: 'address:x', entity: 'address', customerGuid: g, outboxSeq: 3, fields: [], theirs: {}, detectedAt: 'now' });
    await db.meta.put({ key: lastSyncedAtKey, value: '2026-05-01T08:00:00.000Z' });
    const last = await until(status, (s) => s.conflicts === 1 && s.lastSyncedAt !== null);
    expect(last).toMatchObject({ pending: 1, attention: 1, conflicts: 1, lastSyncedAt: '2026-05-01T08:00:00.000Z' });

    status.set({ phase: 'pulling', progress: { done: 1, total: 4 }, connectivity: 'online' });
    expect(status.get()).toMatchObject({ phase: 'pulling', progress: { done: 1, total: 4 }, connectivity: 'online', pending: 1 });
    const count = seen.length;
    status.set({ phase: 'pulling' });
    expect(seen.length, 'no news, no notification').toBe(count);
    unsubscribe();
  });

  it('watches the database only while someone is subscribed', async () => {
    let watching = 0;
    const counts = {
      subscribe: () => {
        watching++;
        return { unsubscribe: () => void watching--, closed: false };
      },
    };
    const status = createSyncStatus(newDb(), { observe: () => counts as unknown as Observable<never> });
    const a = status.subscribe(() => {});
    const b = status.subscribe(() => {});
    expect(watching).toBe(1);
    a();
    expect(watching).toBe(1);
    b();
    expect(watching).toBe(0);
  });
});
