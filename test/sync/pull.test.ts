import { describe, expect, it } from 'vitest';
import type { ListPage, schemas } from '../../shared/api';
import { fixtureCustomer } from '../sandbox/helpers';
import { pullCustomers } from '../../renderer/src/sync/pull';
import { metaKeys, type PassState } from '../../renderer/src/sync/pull-pass';
import { apiOf, expectCacheEqualsServer, newDb, spreadGuid, spyApi, useSyncSandbox } from './pull-harness';

const sandbox = useSyncSandbox({ customers: 300 });

describe('pullCustomers: a full pass', () => {
  it('caches every customer on the server, field for field, and no second copy as a base', async () => {
    // Uppercase GUIDs, as a real tenant may spell them, must still fall in a key range.
    for (let i = 0; i < 5; i++) sandbox().store.insertCustomer(fixtureCustomer(spreadGuid(i, true), { fullName: `Upper ${i}` }));
    const db = newDb();
    const report = await pullCustomers(db, apiOf(sandbox()), { scope: '', pageSize: 25 });

    await expectCacheEqualsServer(db, sandbox());
    expect(report).toMatchObject({ resumed: false, stored: 305, removed: 0 });
    const upper = await db.customers.get(spreadGuid(3, true));
    expect(upper?.fullName).toBe('Upper 3');
    // Nothing is queued, so each row IS its server version; a base is written on the first edit.
    expect(await db.bases.count()).toBe(0);
    expect(await db.meta.get(metaKeys.pass), 'a finished pass leaves no resume state').toBeUndefined();
  });

  it('pulls only the scope, and reports progress that never goes back and ends at the total', async () => {
    const db = newDb();
    const seen: [number, number][] = [];
    const scope = "juridicalType eq 0 and contains(email, 'example')";
    await pullCustomers(db, apiOf(sandbox()), { scope, pageSize: 10, concurrency: 3, onProgress: (done, total) => seen.push([done, total]) });

    const expected = sandbox().store.ordered().filter((r) => r.customer.juridicalType === 0 && /example/iu.test(r.customer.email ?? ''));
    expect(await db.customers.count()).toBe(expected.length);
    expect(seen.length).toBeGreaterThan(5);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
    for (const [done, total] of seen) expect(done).toBeLessThanOrEqual(total);
    expect(seen.at(-1)).toEqual([expected.length, expected.length]);
  });

  it('refuses a scope the API would refuse before it asks the server anything', async () => {
    const { api, counts } = spyApi(apiOf(sandbox()));
    await expect(pullCustomers(newDb(), api, { scope: 'nosuchfield eq 1' })).rejects.toThrow(/nosuchfield/u);
    expect(counts).toEqual({});
  });
});

describe('pullCustomers: the server changes during the pass', () => {
  it('misses and duplicates nothing while customers are inserted and deleted between pages', async () => {
    const store = sandbox().store;
    const before = new Set(store.ordered().map((r) => r.key));
    let inserted = 0;
    const deleted = new Set<string>();
    // After every page: two new customers (anywhere in the key space, some spelled in upper
    // case) and the deletion of a customer that page just returned: already seen, so under
    // offset paging every later row of its range would shift back by one and one be skipped.
    const { api } = spyApi(apiOf(sandbox()), (operation, _n, result) => {
      if (operation !== 'listCustomers') return;
      for (let k = 0; k < 2; k++) store.insertCustomer(fixtureCustomer(spreadGuid(1000 + inserted++, inserted % 3 === 0)));
      const victim = (result as ListPage<schemas.Customer>).value[0]?.customerGuid.toLowerCase();
      if (victim && before.has(victim) && store.deleteCustomer(victim)) deleted.add(victim);
    });
    const db = newDb();
    await pullCustomers(db, api, { scope: '', pageSize: 6, concurrency: 4 });
    expect(inserted).toBeGreaterThan(50);
    expect(deleted.size).toBeGreaterThan(25);

    // Every customer that existed throughout the pass is cached, exactly once.
    const cached = (await db.customers.toArray()).map((c) => c.customerGuid.toLowerCase());
    expect(new Set(cached).size).toBe(cached.length);
    const missing = [...before].filter((key) => !deleted.has(key) && !cached.includes(key));
    expect(missing).toEqual([]);

    // A follow-up pass (with the server now still) makes the cache equal the server.
    await pullCustomers(db, apiOf(sandbox()), { scope: '', pageSize: 20 });
    await expectCacheEqualsServer(db, sandbox());
  });
});

describe('pullCustomers: an interrupted pass resumes', () => {
  it('continues from each range cursor after a cancel, instead of starting over', async () => {
    const full = spyApi(apiOf(sandbox()));
    await pullCustomers(newDb(), full.api, { scope: '', pageSize: 10 });
    const fullPages = full.counts.listCustomers ?? 0;

    const db = newDb();
    const controller = new AbortController();
    const abortAt = 12;
    const first = spyApi(apiOf(sandbox()), (operation, n) => {
      if (operation === 'listCustomers' && n === abortAt) controller.abort();
    });
    await expect(pullCustomers(db, first.api, { scope: '', pageSize: 10, signal: controller.signal })).rejects.toThrow();
    const state = (await db.meta.get(metaKeys.pass))?.value as PassState;
    // Pages that came back before the cancel are stored; the one that triggered it is not.
    expect(state.ranges.reduce((sum, r) => sum + r.fetched, 0)).toBe((abortAt - 1) * 10);
    expect(await db.customers.count()).toBe((abortAt - 1) * 10);

    const second = spyApi(apiOf(sandbox()));
    const report = await pullCustomers(db, second.api, { scope: '', pageSize: 10 });
    expect(report).toMatchObject({ resumed: true, passId: state.passId });
    expect(second.counts.listCustomers).toBe(fullPages - (abortAt - 1));
    await expectCacheEqualsServer(db, sandbox());
  });

  it('resumes after the network failed mid-pass, and only then removes what the server lost', async () => {
    const db = newDb();
    await pullCustomers(db, apiOf(sandbox()), { scope: '', pageSize: 25 });
    const gone = sandbox().store.ordered()[7]!.customer.customerGuid;
    sandbox().store.deleteCustomer(gone);

    const failing = spyApi(apiOf(sandbox(), 1), (operation, n) => {
      if (operation === 'listCustomers' && n === 5) sandbox().faults.set({ errorRateBeforeCommit: 1 });
    });
    await expect(pullCustomers(db, failing.api, { scope: '', pageSize: 25 })).rejects.toMatchObject({ failure: { kind: 'server' } });
    expect(await db.customers.get(gone), 'an unfinished pass removes nothing').toBeDefined();

    sandbox().faults.reset();
    const report = await pullCustomers(db, apiOf(sandbox()), { scope: '', pageSize: 25 });
    expect(report).toMatchObject({ resumed: true, removed: 1 });
    await expectCacheEqualsServer(db, sandbox());
  });
});
