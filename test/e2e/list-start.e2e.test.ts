import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCachedCustomer } from '../../renderer/src/cache/customer-index';
import type { CachedCustomer } from '../../renderer/src/cache/records';
import { demoProfile } from '../../shared/profiles';
import { CUSTOMERS, eventually, listedNames, openJourney, shootFailures, statusText, t, waitForFirstSync, type Journey } from './harness';

/*
 * Journey 10: the customer list as the app starts with its customers cached (offline, so the
 * start-up sync changes nothing).
 *
 * - Mounting, the list asks the cache for its first page once: the reads of the name index
 *   (`sortName`, which answers the plain list until the in-memory list index has loaded) are
 *   counted in the page.
 * - A search typed before the list index has loaded (a few seconds with 100,000 customers)
 *   says so at once, politely, and shows the matches when the index is there. Here the cache
 *   is made to answer nothing until the test lets it: another connection holds a write
 *   transaction on the customers store, so every read of it waits, as a slow start-up would
 *   make it wait; nothing depends on how fast the machine is.
 */

let journey: Journey;
shootFailures(() => journey);

/** Runs in the page before the app on every load: counts the name index's reads, and holds the store when asked to. */
function instrument(database: string): void {
  const page = window as unknown as { e2eNameIndexReads: number; e2eHold?: { held: boolean; holding: boolean } };
  page.e2eNameIndexReads = 0;
  const proto = IDBIndex.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ['get', 'getKey', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor']) {
    const original = proto[method]!;
    proto[method] = function (this: IDBIndex, ...args: unknown[]) {
      if (this.name === 'sortName' && this.objectStore.name === 'customers') page.e2eNameIndexReads += 1;
      return original.apply(this, args);
    };
  }
  if (sessionStorage.getItem('e2e.holdCustomers') !== '1') return;
  sessionStorage.removeItem('e2e.holdCustomers');
  const hold = { held: true, holding: false };
  page.e2eHold = hold;
  const request = indexedDB.open(database);
  request.onsuccess = () => {
    const db = request.result;
    const store = db.transaction('customers', 'readwrite').objectStore('customers');
    hold.holding = true;
    // A transaction lives while it has requests: one after the other until released.
    const spin = (): void => {
      if (hold.held) store.get('\u0000').onsuccess = spin;
      else {
        hold.holding = false;
        db.close();
      }
    };
    spin();
  };
}

beforeAll(async () => {
  journey = await openJourney('list-start');
  await waitForFirstSync(journey.page);
  await journey.network.goOffline();
  await statusText(journey.page, t('status.offline')).waitFor();
  await journey.page.addInitScript(instrument, `fieldbook-${demoProfile.id}`);
});

afterAll(async () => {
  await journey?.close();
});

const grid = () => journey.page.getByRole('grid', { name: t('customers.list.label') });

describe('journey 10: the list at start-up', () => {
  it('asks for its first page once as it mounts', async () => {
    const { page } = journey;
    await journey.app.reload();
    await page.getByText(t('customers.count', { count: CUSTOMERS }), { exact: true }).waitFor();
    await eventually(async () => (await listedNames(page)).length).toBeGreaterThan(5);
    // Every read of the first page was made before its rows could show: this is the final count.
    expect(await page.evaluate(() => (window as unknown as { e2eNameIndexReads: number }).e2eNameIndexReads)).toBe(1);
    expect(journey.problems).toEqual([]);
  }, 60_000);

  it('says a search typed before the list index has loaded is being prepared, then shows its matches', async () => {
    const { page, sandbox } = journey;
    const cached = sandbox.store.ordered().map((record) => toCachedCustomer(record.customer, { fetchedAt: null, detailFetchedAt: null, passId: 1 }));
    // The first three letters of a surname several customers' terms begin with.
    const matching = (prefix: string): CachedCustomer[] => cached.filter((c) => c.searchTerms.some((term) => term.startsWith(prefix)));
    const prefix = cached.map((c) => (c.lastname ?? '').slice(0, 3).toLowerCase()).find((p) => p.length === 3 && matching(p).length >= 2)!;
    expect(prefix, 'the seeded data has a surname prefix shared by several customers').toBeDefined();
    const want = matching(prefix)
      .sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.customerGuid < b.customerGuid ? -1 : 1))
      .map((c) => c.fullName ?? '');

    await page.evaluate(() => sessionStorage.setItem('e2e.holdCustomers', '1'));
    await journey.app.reload();
    await eventually(() => page.evaluate(() => (window as unknown as { e2eHold?: { holding: boolean } }).e2eHold?.holding)).toBe(true);

    const search = page.getByRole('searchbox', { name: t('customers.search.label') });
    await search.fill(prefix);
    // Said at once, in a polite status (announced, without interrupting), and the list is busy.
    const preparing = page.getByRole('status').filter({ hasText: t('customers.preparingSearch') });
    await preparing.waitFor();
    expect(await grid().getAttribute('aria-busy')).toBe('true');
    await journey.shot('preparing-search');
    // Still waiting (nothing can be read yet): the hint stays, and no count claims an answer.
    expect(await page.evaluate(() => (window as unknown as { e2eHold: { holding: boolean } }).e2eHold.holding)).toBe(true);
    expect(await preparing.count()).toBe(1);
    expect(await page.getByText(/\d+ (match|matches|customers?)$/u).count()).toBe(0);

    await page.evaluate(() => {
      (window as unknown as { e2eHold: { held: boolean } }).e2eHold.held = false;
    });
    await page.getByText(t('customers.matching', { count: want.length }), { exact: true }).waitFor();
    await eventually(() => listedNames(page)).toEqual(want);
    await eventually(() => preparing.count(), 'the hint goes once the answer is there').toBe(0);
    expect(await grid().getAttribute('aria-busy')).toBe('false');
    expect(await search.inputValue()).toBe(prefix);
    await journey.shot('search-answered');
    expect(journey.problems).toEqual([]);
  }, 60_000);
});
