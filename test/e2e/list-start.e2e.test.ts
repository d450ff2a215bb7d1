import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bucketOf, writeStampKey, type CustomerBucket } from '../../renderer/src/cache/customer-buckets';
import { customerOf, toCachedCustomer } from '../../renderer/src/cache/customer-index';
import type { CachedCustomer } from '../../renderer/src/cache/records';
import { demoProfile } from '../../shared/profiles';
import { CUSTOMERS, eventually, listedNames, literally, openJourney, shootFailures, statusText, t, WAIT_MS, waitForFirstSync, type Journey } from './harness';

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
 * - Customers written since the page was kept (here: before the app opens its cache, as another
 *   run or window would have) make it stale: the list says "Loading customers…" with the index's
 *   progress, shows no rows and no count, until the index has loaded. There the hold lets the
 *   index's first step (one read of up to 100 buckets) through and holds the rest.
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
  /** Held from the index's first step: that step's read has answered. */
  stepped: boolean;
}

/** When a restart holds the customers: as the list reads its kept page, or once the list index's load has read its first step. */
type HoldFrom = 'head' | 'step';

/**
 * Runs in the page before the app on every load: counts the reads of the kept first page, and,
 * when asked to, writes bucket records before the app opens its cache (they and a new write
 * stamp in one transaction, as the app writes customers) and holds the customers from the
 * moment asked for.
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
  const from = sessionStorage.getItem('e2e.holdCustomers') as HoldFrom | null;
  const written = sessionStorage.getItem('e2e.writeBuckets');
  sessionStorage.removeItem('e2e.holdCustomers');
  sessionStorage.removeItem('e2e.writeBuckets');
  if (from === null && written === null) return;
  const hold: Hold = { held: from !== null, holding: false, missed: false, stepped: false };
  if (from !== null) page.e2eHold = hold;
  const connection = IDBDatabase.prototype as unknown as { transaction: (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode) => IDBTransaction };
  const transaction = connection.transaction;
  // Opened before the app opens the cache (IndexedDB opens connections in the order asked), so
  // the write below is created before any transaction of the app's, which therefore all see it.
  let own: IDBDatabase | null = null;
  const request = indexedDB.open(database);
  request.onsuccess = () => {
    own = request.result;
    own.onversionchange = () => own?.close();
    if (written !== null) {
      const store = transaction.call(own, 'customerBuckets', 'readwrite').objectStore('customerBuckets');
      for (const record of JSON.parse(written) as unknown[]) store.put(record);
    }
    if (from === null) own.close();
  };
  if (from === null) return;
  let started = false;
  /** Takes a write transaction on the customers: every read of them created after this one waits until released. */
  const holdNow = (): void => {
    started = true;
    if (!own) {
      hold.missed = true;
      return;
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
  };
  connection.transaction = function (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode) {
    const tx = transaction.call(this, names, mode);
    const scope = typeof names === 'string' ? [names] : [...names];
    // The list's read of its kept page is the one read-only transaction over exactly these two
    // stores (Dexie's own, as it opens, spans every store).
    if (from === 'head' && !started && this !== own && mode !== 'readwrite' && scope.length === 2 && scope.includes('meta') && scope.includes('customerBuckets')) holdNow();
    return tx;
  };
  // The list index's load reads the buckets in steps, each one key-range read of the bucket
  // store (getAll with a limit) in a read-only transaction of its own; nothing else the app
  // does at start-up offline reads the store so. Held as the first step is asked for, the
  // first step's transaction (created before the hold's) completes and the next step waits.
  const objectStore = IDBObjectStore.prototype as unknown as { getAll: (this: IDBObjectStore, ...args: unknown[]) => IDBRequest };
  const getAll = objectStore.getAll;
  objectStore.getAll = function (this: IDBObjectStore, ...args: unknown[]) {
    const read = getAll.apply(this, args);
    if (from === 'step' && !started && this.name === 'customerBuckets' && this.transaction.db !== own && this.transaction.mode === 'readonly') {
      holdNow();
      read.addEventListener('success', () => (hold.stepped = true));
    }
    return read;
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

/**
 * Restarts the app with the customers held from the moment the list has read its kept page
 * ('head'), or from the moment the list index has read its first step ('step'); `buckets` are
 * written first, before the app opens its cache.
 */
async function restartHeld(from: HoldFrom = 'head', buckets: CustomerBucket[] = []): Promise<void> {
  const { page } = journey;
  await page.evaluate(({ from, written }) => {
    sessionStorage.setItem('e2e.holdCustomers', from);
    if (written) sessionStorage.setItem('e2e.writeBuckets', written);
  }, { from, written: buckets.length ? JSON.stringify(buckets) : null });
  await journey.app.reload();
  const moment = from === 'head' ? 'the list reads its kept page' : 'the list index reads its first step';
  await eventually(async () => {
    const state = await hold(page);
    return Boolean(state?.holding || state?.missed);
  }, moment).toBe(true);
  expect(await hold(page), `the customers are held from the moment ${moment}`).toMatchObject({ holding: true, missed: false });
}

/**
 * `count` new customers (copies of the seeded ones under new names), each in a bucket no cached
 * customer is in, as bucket records plus a new write stamp: written, they make the kept first
 * page stale, and the list index's load takes more than one step of 100 buckets.
 */
function newCustomers(count: number): { customers: CachedCustomer[]; records: CustomerBucket[] } {
  const taken = new Set(cached.map((c) => bucketOf(c.customerGuid)));
  const free = Array.from({ length: 4096 }, (_, i) => i.toString(16).padStart(3, '0')).filter((key) => !taken.has(key));
  const customers = free.slice(0, count).map((key, i) => {
    const base = cached[i % cached.length]!;
    const suffix = String(i + 1).padStart(3, '0');
    return toCachedCustomer({
      ...customerOf(base),
      customerGuid: `${key}${i.toString(16).padStart(5, '0')}-0000-4000-8000-000000000000`,
      lastname: `${base.lastname ?? ''} ${suffix}`.trim(),
      fullName: `${base.fullName ?? ''} ${suffix}`.trim(),
    }, { fetchedAt: null, detailFetchedAt: null, passId: 1 });
  });
  const records: CustomerBucket[] = customers.map((c) => ({ key: bucketOf(c.customerGuid), rows: { [c.customerGuid]: c }, oldestPass: c.passId }));
  records.push({ key: writeStampKey, rows: {}, stamp: `e2e-${Date.now().toString(36)}` });
  return { customers, records };
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
const loadingList = () => journey.page.getByRole('status').filter({ hasText: t('customers.loadingList') });
/** The index's progress beside the status ("120 of 215"), its two numbers captured. */
const progressText = new RegExp(`^${literally(t('customers.indexProgress', { loaded: '\u0001', total: '\u0002' })).replace('\u0001', '(\\d+)').replace('\u0002', '(\\d+)')}$`, 'u');

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

  it('says the list is loading, with its progress, when customers were written since the last run kept the first page', async () => {
    const { page } = journey;
    // 60 customers fill about 60 buckets: read in one step, the index would be there at once.
    const added = newCustomers(150);
    const all = [...cached, ...added.customers];
    const inNameOrder = all.sort(byName).map((c) => c.fullName ?? '');
    await restartHeld('step', added.records);

    // Said politely, with how far the index has read; the kept page (read once) was not shown.
    await loadingList().waitFor();
    const progress = page.getByText(progressText);
    await progress.waitFor();
    const [, loaded, total] = progressText.exec((await progress.textContent()) ?? '')!.map(Number);
    expect(loaded, 'the first step read some customers').toBeGreaterThan(0);
    expect(loaded, 'not all of them: the rest are held').toBeLessThan(all.length);
    expect(total).toBeGreaterThanOrEqual(loaded!);
    expect(await hold(page)).toMatchObject({ holding: true, missed: false });
    expect(await page.evaluate(() => (window as unknown as { e2eHeadReads: number }).e2eHeadReads)).toBe(1);
    // No rows, no count of the customers the kept page knew, no "no customers", and not "Preparing search…".
    expect(await listedNames(page)).toEqual([]);
    expect(await page.getByText(/\d+ customers?$/u).count()).toBe(0);
    expect(await page.getByText(t('customers.empty.title'), { exact: true }).count()).toBe(0);
    expect(await preparing().count()).toBe(0);
    expect(await grid().getAttribute('aria-busy')).toBe('true');
    await journey.shot('loading-customers');

    await release(page);
    await page.getByText(t('customers.count', { count: all.length }), { exact: true }).waitFor();
    await eventually(async () => {
      const names = await listedNames(page);
      return names.length > 5 && names.every((name, i) => name === inNameOrder[i]);
    }, 'the rows are in name order').toBe(true);
    await eventually(() => loadingList().count(), 'the status goes once the list is there').toBe(0);
    expect(await page.getByText(progressText).count()).toBe(0);
    expect(await grid().getAttribute('aria-busy')).toBe('false');
    await journey.shot('loaded-after-change');

    // The index keeps the page again, at the new stamp: the next start shows it and says nothing,
    // though the index is loading (its first step read) behind it.
    await eventually(() => keptHeadIsCurrent(page), 'the index keeps the first page again').toBe(true);
    await restartHeld('step');
    await page.getByText(t('customers.count', { count: all.length }), { exact: true }).waitFor();
    await eventually(async () => (await hold(page))?.stepped, 'the index reads its first step').toBe(true);
    await eventually(async () => (await listedNames(page)).length).toBeGreaterThan(5);
    const shown = await listedNames(page);
    expect(shown).toEqual(inNameOrder.slice(0, shown.length));
    expect(await loadingList().count(), 'no "Loading customers…" over rows already shown').toBe(0);
    expect(await page.getByText(progressText).count()).toBe(0);
    expect(await hold(page)).toMatchObject({ holding: true });
    await release(page);
    expect(journey.problems).toEqual([]);
  }, 60_000);
});
