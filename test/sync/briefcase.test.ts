import { describe, expect, it } from 'vitest';
import {
  briefcaseMembers, prepareForOffline, recordOpened, refreshBriefcase, setKeptOffline,
} from '../../renderer/src/sync/briefcase';
import { pullCustomers } from '../../renderer/src/sync/pull';
import { apiOf, newDb, useSyncSandbox } from './pull-harness';

const sandbox = useSyncSandbox({ customers: 60 });
const guids = () => sandbox().store.ordered().map((r) => r.customer.customerGuid);

async function pulled() {
  const db = newDb();
  await pullCustomers(db, apiOf(sandbox()), { scope: '' });
  return db;
}

describe('the briefcase: what keeps full detail offline', () => {
  it('keeps the last N opened, drops older ones unless kept offline, and never mixes up opens in one millisecond', async () => {
    const db = newDb();
    const [a, b, c, d, e] = guids() as [string, string, string, string, string];
    const sameInstant = () => new Date('2026-05-01T08:00:00Z');
    await setKeptOffline(db, b, true);
    for (const guid of [a, b, c, d]) await recordOpened(db, guid, { limit: 3, now: sameInstant });
    expect((await briefcaseMembers(db)).sort()).toEqual([b, c, d].sort());
    expect(await db.briefcase.get(a), 'a dropped out of the recent three').toBeUndefined();
    expect(await db.briefcase.get(b)).toMatchObject({ keptOffline: true });

    await recordOpened(db, a, { limit: 3, now: sameInstant });
    await recordOpened(db, e, { limit: 3, now: sameInstant });
    // Recent now: e, a, d. b fell out of the recent list but stays: it is kept offline.
    expect((await briefcaseMembers(db)).sort()).toEqual([a, b, d, e].sort());
    expect(await db.briefcase.get(b)).toMatchObject({ keptOffline: true, openedAt: null });
    await setKeptOffline(db, b, false);
    expect((await briefcaseMembers(db)).sort()).toEqual([a, d, e].sort());
  });

  it('prepares every cached customer matching a local filter, with progress up to the total', async () => {
    const db = await pulled();
    const filter = "juridicalType eq 1 or startswith(fullName, 'a')";
    const expected = sandbox().store.ordered()
      .filter((r) => r.customer.juridicalType === 1 || (r.customer.fullName ?? '').toLowerCase().startsWith('a'))
      .map((r) => r.customer.customerGuid);
    expect(expected.length).toBeGreaterThan(3);
    const seen: [number, number][] = [];
    const report = await prepareForOffline(db, apiOf(sandbox()), filter, { onProgress: (done, total) => seen.push([done, total]) });

    expect(report).toMatchObject({ total: expected.length, done: expected.length, cancelled: false, failed: [], gone: [] });
    expect(report.stored.sort()).toEqual([...expected].sort());
    expect(seen.map(([done]) => done)).toEqual(Array.from({ length: expected.length + 1 }, (_, i) => i));
    for (const guid of expected) expect((await db.customers.get(guid))?.detailFetchedAt).not.toBeNull();
    expect((await briefcaseMembers(db)).sort()).toEqual([...expected].sort());
  });

  it('stops when cancelled, keeps what finished, and says how far it got', async () => {
    const db = await pulled();
    const controller = new AbortController();
    const report = await prepareForOffline(db, apiOf(sandbox()), '', {
      concurrency: 2,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 5) controller.abort();
      },
    });
    expect(report.cancelled).toBe(true);
    expect(report.done).toBeGreaterThanOrEqual(5);
    expect(report.done).toBeLessThan(report.total);
    const detailed = (await db.customers.toArray()).filter((c) => c.detailFetchedAt !== null).map((c) => c.customerGuid);
    expect(detailed.sort()).toEqual([...report.stored].sort());
    expect((await briefcaseMembers(db)).sort()).toEqual([...report.stored].sort());
  });

  it('refreshes detail for everything in the briefcase', async () => {
    const db = await pulled();
    const [kept, opened, other] = guids() as [string, string, string];
    await setKeptOffline(db, kept, true);
    await recordOpened(db, opened);
    sandbox().store.updateCustomer(kept, { email: 'fresh@example.se' });
    const report = await refreshBriefcase(db, apiOf(sandbox()));
    expect(report.stored.sort()).toEqual([kept, opened].sort());
    expect(await db.customers.get(kept)).toMatchObject({ email: 'fresh@example.se' });
    expect((await db.customers.get(other))?.detailFetchedAt).toBeNull();
    expect(await db.accruedInterest.get(opened)).toBeDefined();
  });
});
