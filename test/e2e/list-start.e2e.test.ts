import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toCachedCustomer } from '../../renderer/src/cache/customer-index';
import type { CachedCustomer } from '../../renderer/src/cache/records';
import { demoProfile } from '../../shared/profiles';
import { CUSTOMERS, eventually, listedNames, openJourney, shootFailures, statusText, t, WAIT_MS, waitForFirstSync, type Journey } from './harness';

/*
 * Journey 10: the customer list as the app starts with its customers cached (offline, so the
 * start-up sync changes nothing), after a run that kept the list's first page.
 *
 * Customers are stored in buckets by GUID (cache/customer-buckets.ts), so nothing in IndexedDB
 * is ordered by name: the list's order exists only in the in-memory list index, which reads
 * every customer (seconds with 100,000). A run keeps the first page sorted by name in `meta`
 * (customers/list-head.ts), and the next start shows it at once while the index loads.
 *
 * Here the index is made to load nothing until the test lets it: as the list reads its kept
 * page (its one read transaction over `meta` and `customerBuckets`), another connection takes a
 * write transaction on `customerBuckets`, so every later read of the customers waits behind it
 * (IndexedDB starts transactions in the order they were created), as a slow start-up would make
 * them wait; nothing depends on how fast the machine is.
 *
 * - The first rows and the count show from the kept page, read once, while the index cannot load.
 * - Sorting by city, and a search, wait for the index: "Preparing search…", said politely, and
 *   their answers once it is there.
 */

let journey: Journey;
shootFailures(() => journey);

interface Hold {
  /** The test wants the customers held (cleared to release them). */
  held: boolean;
  /** The write transaction is created (it starts as the reads created before it end) and not released. */
  holding: boolean;
  /** The list read its kept page before the holding connection was open: nothing could be held. */
  missed: boolean;
}

/**
 * Runs in the page before the app on every load: counts the reads of the kept first page, and,
 * when asked to, holds the customers as soon as the list has read that page.
 */
function instrument(database: string): void {
  const page = window as unknown as { e2eHeadReads: number; e2eHold?: Hold };
  page.e2eHeadReads = 0;
  const store = IDBObjectStore.prototype as unknown as { get: (this: IDBObjectStore, key: IDBValidKey) => IDBRequest };
  const get = store.get;
  store.get = function (this: IDBObjectStore, key: IDBValidKey) {
    if (this.name === 'meta' && key === 'list.head') page.e2eHeadReads += 1;
    return get.call(this, key);
  };
  if (sessionStorage.getItem('e2e.holdCustomers') !== '1') return;
  sessionStorage.removeItem('e2e.holdCustomers');
  const hold: Hold = { held: true, holding: false, missed: false };
  page.e2eHold = hold;
  // Opened before the app opens the cache (IndexedDB opens connections in the order asked).
  let own: IDBDatabase | null = null;
  const request = indexedDB.open(database);
  request.onsuccess = () => {
    own = request.result;
    own.onversionchange = () => own?.close();
  };
  const connection = IDBDatabase.prototype as unknown as { transaction: (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode) => IDBTransaction };
  const transaction = connection.transaction;
  let started = false;
  connection.transaction = function (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode) {
    const tx = transaction.call(this, names, mode);
    const scope = typeof names === 'string' ? [names] : [...names];
    // The list's read of its kept page is the one read-only transaction over exactly these two
    // stores (Dexie's own, as it opens, spans every store).
    if (!started && this !== own && mode !== 'readwrite' && scope.length === 2 && scope.includes('meta') && scope.includes('customerBuckets')) {
      started = true;
      if (!own) {
        hold.missed = true;
        return tx;
      }
      const db = own;
      const buckets = transaction.call(db, 'customerBuckets', 'readwrite').objectStore('customerBuckets');
      hold.holding = true;
      // A transaction lives while it has requests: one after the other until released.
      const spin = (): void => {
        if (hold.held) buckets.get('\u0000').onsuccess = spin;
        else {
          hold.holding = false;
          db.close();
        }
      };
      spin();
    }
    return tx;
  };
}

/** Whether the cache holds a kept first page made at the customers' current write stamp (what the next start shows). */
function keptHeadIsCurrent(page: Page): Promise<boolean> {
  return page.evaluate(async (database) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const request = indexedDB.open(database);
      request.onsuccess = () => ok(request.result);
      request.onerror = () => fail(request.error);
    });
    try {
      const tx = db.transaction(['meta', 'customerBuckets']);
      const read = <T>(store: string, key: string) => new Promise<T | undefined>((ok, fail) => {
        const request = tx.objectStore(store).get(key);
        request.onsuccess = () => ok(request.result as T | undefined);
        request.onerror = () => fail(request.error);
      });
      const [head, stamp] = await Promise.all([
        read<{ value: { stamp: string; rows: unknown[] } }>('meta', 'list.head'),
        read<{ stamp: string }>('customerBuckets', '~write-stamp'),
      ]);
      return head !== undefined && stamp !== undefined && head.value.stamp === stamp.stamp && head.value.rows.length > 0;
    } finally {
      db.close();
    }
  }, `fieldbook-${demoProfile.id}`);
}

const hold = (page: Page): Promise<Hold | undefined> => page.evaluate(() => (window as unknown as { e2eHold?: Hold }).e2eHold);
const release = (page: Page): Promise<void> => page.evaluate(() => {
  (window as unknown as { e2eHold: Hold }).e2eHold.held = false;
});

/** Restarts the app with the customers held from the moment the list has read its kept page. */
async function restartHeld(): Promise<void> {
  const { page } = journey;
  await page.evaluate(() => sessionStorage.setItem('e2e.holdCustomers', '1'));
  await journey.app.reload();
  await eventually(async () => {
    const state = await hold(page);
    return Boolean(state?.holding || state?.missed);
  }, 'the list reads its kept page').toBe(true);
  expect(await hold(page), 'the customers are held from the moment the list has read its kept page').toMatchObject({ holding: true, missed: false });
}

let cached: CachedCustomer[];
const byName = (a: CachedCustomer, b: CachedCustomer): number =>
  a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.customerGuid < b.customerGuid ? -1 : 1;
const byCity = (a: CachedCustomer, b: CachedCustomer): number =>
  a.sortCity < b.sortCity ? -1 : a.sortCity > b.sortCity ? 1 : byName(a, b);

beforeAll(async () => {
  journey = await openJourney('list-start');
  const { page } = journey;
  // The first run: the first sync fills the cache, the list index loads and keeps the first page.
  await waitForFirstSync(page);
  await journey.network.goOffline();
  await statusText(page, t('status.offline')).waitFor();
  // ListIndex keeps the page a moment after its last change (expect.poll is for tests, not hooks).
  for (const until = Date.now() + WAIT_MS; !(await keptHeadIsCurrent(page));) {
    if (Date.now() > until) throw new Error('the first run did not keep the list\'s first page');
    await page.waitForTimeout(100);
  }
  await page.addInitScript(instrument, `fieldbook-${demoProfile.id}`);
  cached = journey.sandbox.store.ordered().map((record) => toCachedCustomer(record.customer, { fetchedAt: null, detailFetchedAt: null, passId: 1 }));
});

afterEach(async () => {
  // A test that failed while the customers were held leaves them released for the next.
  if (journey && !journey.page.isClosed() && (await hold(journey.page))?.held) await release(journey.page);
});

afterAll(async () => {
  await journey?.close();
});

const grid = () => journey.page.getByRole('grid', { name: t('customers.list.label') });
const preparing = () => journey.page.getByRole('status').filter({ hasText: t('customers.preparingSearch') });

describe('journey 10: the list at start-up', () => {
  it('shows the first rows and the count from the page the last run kept, before the list index has loaded', async () => {
    const { page } = journey;
    await restartHeld();
    const first = [...cached].sort(byName).map((c) => c.fullName ?? '');
    await page.getByText(t('customers.count', { count: CUSTOMERS }), { exact: true }).waitFor();
    await eventually(async () => (await listedNames(page)).length).toBeGreaterThan(5);
    const shown = await listedNames(page);
    expect(shown).toEqual(first.slice(0, shown.length));
    expect(await preparing().count(), 'the plain list does not wait for the index').toBe(0);
    expect(await grid().getAttribute('aria-busy')).toBe('false');
    // Still held: the rows came from the kept page, read once as the list mounted.
    expect(await hold(page)).toMatchObject({ holding: true, missed: false });
    expect(await page.evaluate(() => (window as unknown as { e2eHeadReads: number }).e2eHeadReads)).toBe(1);
    await journey.shot('first-rows-from-kept-page');

    // Sorting by city needs the index: said at once, politely; the kept rows stay meanwhile.
    await grid().getByRole('button', { name: t('column.city'), exact: true }).click();
    await preparing().waitFor();
    expect(await grid().getAttribute('aria-busy')).toBe('true');
    expect(await hold(page)).toMatchObject({ holding: true });
    await journey.shot('sort-by-city-preparing');

    await release(page);
    await eventually(() => preparing().count(), 'the hint goes once the index is there').toBe(0);
    expect(await grid().getByRole('columnheader', { name: t('column.city'), exact: true }).getAttribute('aria-sort')).toBe('ascending');
    const inCityOrder = [...cached].sort(byCity).map((c) => c.fullName ?? '');
    await eventually(async () => {
      const names = await listedNames(page);
      return names.length > 5 && names.every((name, i) => name === inCityOrder[i]);
    }, 'the rows are in city order').toBe(true);
    expect(await grid().getAttribute('aria-busy')).toBe('false');
    await page.getByText(t('customers.count', { count: CUSTOMERS }), { exact: true }).waitFor();
    expect(journey.problems).toEqual([]);
  }, 60_000);

  it('says a search typed before the list index has loaded is being prepared, then shows its matches', async () => {
    const { page } = journey;
    // The first three letters of a surname several customers' terms begin with.
    const matching = (prefix: string): CachedCustomer[] => cached.filter((c) => c.searchTerms.some((term) => term.startsWith(prefix)));
    const prefix = cached.map((c) => (c.lastname ?? '').slice(0, 3).toLowerCase()).find((p) => p.length === 3 && matching(p).length >= 2)!;
    expect(prefix, 'the seeded data has a surname prefix shared by several customers').toBeDefined();
    const want = matching(prefix).sort(byName).map((c) => c.fullName ?? '');

    // The last run's index kept the page again after it loaded (same customers, same stamp).
    await eventually(() => keptHeadIsCurrent(page)).toBe(true);
    await restartHeld();
    await page.getByText(t('customers.count', { count: CUSTOMERS }), { exact: true }).waitFor();

    const search = page.getByRole('searchbox', { name: t('customers.search.label') });
    await search.fill(prefix);
    // Said at once, in a polite status (announced, without interrupting), and the list is busy.
    await preparing().waitFor();
    expect(await grid().getAttribute('aria-busy')).toBe('true');
    await journey.shot('preparing-search');
    // Still waiting (nothing can be read yet): the hint stays, and no count claims an answer.
    expect(await hold(page)).toMatchObject({ holding: true });
    expect(await preparing().count()).toBe(1);
    expect(await page.getByText(/\d+ (match|matches|customers?)$/u).count()).toBe(0);

    await release(page);
    await page.getByText(t('customers.matching', { count: want.length }), { exact: true }).waitFor();
    await eventually(() => listedNames(page)).toEqual(want);
    await eventually(() => preparing().count(), 'the hint goes once the answer is there').toBe(0);
    expect(await grid().getAttribute('aria-busy')).toBe('false');
    expect(await search.inputValue()).toBe(prefix);
    await journey.shot('search-answered');
    expect(journey.problems).toEqual([]);
  }, 60_000);
});
