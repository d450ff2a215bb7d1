import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { compareBy, evaluateFilter, parseFilter, parseOrderBy } from '../../shared/odata';
import { fieldTypesOf, routes, type Customer } from '../../shared/api';
import { Client, fixtureCustomer } from './helpers';

/*
 * The benchmark-sized sandbox: 100,000 customers. Speed itself is measured by `npm run bench`;
 * here we check the structure that makes it fast — a selection (filter + order) is built once,
 * then pages, and pages after writes, are slices of it — and that those pages stay correct.
 */

let sandbox: Sandbox | undefined;
afterAll(async () => {
  await sandbox?.close();
});

const fields = fieldTypesOf(routes.listCustomers.result);
const query = { orderby: 'fullName desc, regDate', filter: "contains(fullName, 'e')" };

/** The page the server should give, computed locally with the shared evaluator and comparator. */
function expectedPage(all: readonly Customer[], skip: number, top: number): string[] {
  const filter = parseFilter(query.filter, fields);
  const compare = compareBy(parseOrderBy(query.orderby, fields), 'customerGuid');
  return all
    .filter((c) => evaluateFilter(filter, c))
    .sort(compare)
    .slice(skip, skip + top)
    .map((c) => c.customerGuid);
}

const guids = (body: { value: Customer[] }): string[] => body.value.map((c) => c.customerGuid);

describe('100,000 customers', () => {
  it('seed and serve', async () => {
    sandbox = await startSandbox({ customers: 100_000 });
    expect(sandbox.store.size).toBe(100_000);
  }, 60_000);

  it('build a selection once, then serve pages (also after writes) as slices of it', async () => {
    if (!sandbox) throw new Error('not started');
    const client = new Client(sandbox);
    await client.login();
    const all = () => sandbox!.store.ordered().map((r) => r.customer);

    const first = await client.call('listCustomers', {}, { query: { ...query, skip: 50_000, top: 100 } });
    expect(first.status).toBe(200);
    expect(guids(first.body)).toEqual(expectedPage(all(), 50_000, 100));
    const builds = sandbox.stats.get().selectionBuilds;
    expect(builds).toBeGreaterThan(0);

    for (let skip = 100; skip <= 900; skip += 100) {
      const page = await client.call('listCustomers', {}, { query: { ...query, skip, top: 100 } });
      expect(guids(page.body)).toEqual(expectedPage(all(), skip, 100));
    }

    const store = sandbox.store;
    for (let n = 0; n < 5; n++) {
      store.insertCustomer(fixtureCustomer(`5ca1e000-0000-4000-8000-${String(n).padStart(12, '0')}`, { fullName: 'Steve Write' }));
      store.deleteCustomer(store.ordered()[1000]?.key as string);
      const page = await client.call('listCustomers', {}, { query: { ...query, skip: 100, top: 100 } });
      expect(guids(page.body)).toEqual(expectedPage(all(), 100, 100));
    }
    expect(sandbox.stats.get().selectionBuilds).toBe(builds);
  }, 120_000);
});

describe('key-based paging (the pull)', () => {
  it('serves every cursor of a scoped key range from one selection, exactly as the evaluator selects', async () => {
    if (!sandbox) throw new Error('not started');
    const client = new Client(sandbox);
    await client.login();
    const scope = "currencyCode eq 'SEK'";
    const all = () => sandbox!.store.ordered().map((r) => r.customer);
    const builds = sandbox.stats.get().selectionBuilds;
    // The pull's filters: scope, the range of keys starting with '3', then keys after the cursor
    // (once written in upper case: key comparisons ignore case); ordered by key.
    let cursor: string | null = null;
    for (let n = 0; n < 8; n++) {
      const after: string = cursor === null ? '' : ` and customerGuid gt '${n === 4 ? cursor.toUpperCase() : cursor}'`;
      const filter = `${scope} and customerGuid ge '3' and customerGuid lt '4'${after}`;
      const page = await client.call('listCustomers', {}, { query: { filter, orderby: 'customerGuid', top: 100 } });
      expect(page.status).toBe(200);
      const node = parseFilter(filter, fields);
      const expected = all().filter((c) => evaluateFilter(node, c)).sort(compareBy([], 'customerGuid'));
      expect(guids(page.body)).toEqual(expected.slice(0, 100).map((c) => c.customerGuid));
      expect(page.body.total).toBe(expected.length);
      cursor = guids(page.body).at(-1) as string;
    }
    // One build for the scope; none per cursor (and none at all for an unscoped range).
    expect(sandbox.stats.get().selectionBuilds).toBe(builds + 1);
    const unscoped = await client.call('listCustomers', {}, { query: { filter: "customerGuid gt 'f0' and customerGuid le 'f1'", top: 100 } });
    expect(guids(unscoped.body)).toEqual(all().filter((c) => c.customerGuid > 'f0' && c.customerGuid <= 'f1').slice(0, 100).map((c) => c.customerGuid));
    expect(sandbox.stats.get().selectionBuilds).toBe(builds + 1);
  }, 60_000);
});
