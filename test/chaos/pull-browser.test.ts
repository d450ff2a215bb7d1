import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { matchRoute, schemas, type ListPage } from '../../shared/api';
import { fixtureCustomer } from '../sandbox/helpers';
import { bundlePage, launchBrowser, openBridgedPage, type BridgedPage, type PageBundle, type TestBrowser } from '../support/browser-page';
import type { Row } from './protocol';

/*
 * The pull in real Chromium, through the real bridge: while a full pass runs in the page, the
 * server changes between its pages (customers inserted anywhere in the key space, some spelled
 * in upper case, and customers the pass has just been handed deleted). After the pass every
 * customer that existed throughout is cached exactly once; after one follow-up pass (the server
 * now still) the IndexedDB cache equals the server: no duplicates, none missing, field by field.
 */

let sandbox: Sandbox;
let bundle: PageBundle;
let browser: TestBrowser;
let app: BridgedPage;
/** Called with each listCustomers page after the server answered it, before the page gets it. */
let onPage: ((page: ListPage<schemas.Customer>) => void) | null = null;

/** A GUID whose first hex digit is `i % 16`, so new customers land in every key range. */
function spreadGuid(i: number, upper: boolean): string {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const guid = `${hex((i * 7) % 16, 1)}${hex(i, 7)}-c4a0-4000-8000-${hex(i, 12)}`;
  return upper ? guid.toUpperCase() : guid;
}

beforeAll(async () => {
  sandbox = await startSandbox({ customers: 300, seed: 11 });
  bundle = await bundlePage(resolve(import.meta.dirname, 'page/main.ts'), { title: 'Fieldbook pull' });
  browser = await launchBrowser();
  const fetchAndWatch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const match = matchRoute(init?.method ?? 'GET', url.pathname.slice(sandbox.basePath.length));
    if (onPage && match && !('methodMismatch' in match) && match.operation === 'listCustomers' && response.ok) {
      onPage((await response.clone().json()) as ListPage<schemas.Customer>);
    }
    return response;
  };
  app = await openBridgedPage(browser, bundle, { sandbox, client: { fetch: fetchAndWatch } });
  await app.page.evaluate(() => window.chaos!.open('pull-browser'));
}, 60_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await bundle?.dispose();
  await sandbox?.close();
});

const cachedCustomers = () => app.page.evaluate(async () => (await window.chaos!.snapshot()).customers);

/** A cached row as the API record (bookkeeping and index fields removed). */
function recordOf(row: Row): Row {
  const out: Row = {};
  for (const key of Object.keys(schemas.customer.entries)) out[key] = row[key] ?? null;
  return out;
}

describe('a pull pass in Chromium while the server changes', () => {
  it('misses and duplicates nothing; a follow-up pass makes the cache equal the server', async () => {
    const store = sandbox.store;
    const before = new Set(store.ordered().map((r) => r.key));
    const deleted = new Set<string>();
    let inserted = 0;
    // After every page of the pass: two new customers (any key range, some in upper case), and the
    // deletion of one the page just returned (already seen: offset paging would now skip a row).
    onPage = (page) => {
      for (let k = 0; k < 2; k++) {
        const i = 5000 + inserted++;
        store.insertCustomer(fixtureCustomer(spreadGuid(i, i % 3 === 0), { fullName: `Inserted ${i}` }));
      }
      const victim = page.value[0]?.customerGuid.toLowerCase();
      if (victim && before.has(victim) && store.deleteCustomer(victim)) deleted.add(victim);
    };
    const first = await app.page.evaluate(() => window.chaos!.pull([], 6));
    onPage = null;
    expect(inserted).toBeGreaterThan(40);
    expect(deleted.size).toBeGreaterThan(15);
    expect(first.pull).toMatchObject({ resumed: false });

    const cached = (await cachedCustomers()).map((c) => String(c['customerGuid']).toLowerCase());
    expect(new Set(cached).size, 'no customer is cached twice').toBe(cached.length);
    const missing = [...before].filter((key) => !deleted.has(key) && !cached.includes(key));
    expect(missing, 'every customer that existed throughout the pass is cached').toEqual([]);
    // (A customer deleted after the pass had seen it is still cached: the next pass removes it.)

    await app.page.evaluate(() => window.chaos!.pull([], 20));
    const rows = await cachedCustomers();
    const byKey = new Map(rows.map((row) => [String(row['customerGuid']).toLowerCase(), row]));
    expect(byKey.size, 'no customer is cached twice').toBe(rows.length);
    expect(rows.length).toBe(store.size);
    for (const record of store.ordered()) {
      const row = byKey.get(record.key);
      expect(row, `customer ${record.customer.customerGuid} is cached`).toBeDefined();
      expect(recordOf(row as Row)).toEqual(recordOf(record.customer as unknown as Row));
    }
  }, 60_000);
});
