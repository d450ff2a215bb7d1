import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldTypesOf, routes } from '../../shared/api';
import { compareBy, evaluateFilter, parseFilter, parseOrderBy } from '../../shared/odata';
import { fixtureCustomer, useSandbox } from './helpers';

/*
 * Cached list selections follow writes (insert, update, delete) instead of being rebuilt:
 * after any sequence of writes, every page must still equal a fresh local filter + sort.
 */

const ctx = useSandbox({ customers: 150, seed: 3 });
const fields = fieldTypesOf(routes.listCustomers.result);
const queries = [
  { filter: 'juridicalType eq 1', orderby: 'fullName desc' },
  { filter: "contains(fullName, 'an')", orderby: '' },
  { filter: '', orderby: 'regDate asc, email desc' },
  { filter: "not (fullName ge 'm') or email eq null", orderby: 'juridicalType, fullName' },
];

async function checkAll(): Promise<void> {
  const rows = ctx.sandbox.store.ordered().map((r) => r.customer as unknown as Record<string, unknown>);
  for (const { filter, orderby } of queries) {
    const node = parseFilter(filter, fields);
    const expected = rows
      .filter((r) => evaluateFilter(node, r))
      .sort(compareBy(parseOrderBy(orderby, fields), 'customerGuid'))
      .map((r) => r['customerGuid']);
    const seen: unknown[] = [];
    for (let skip = 0; skip === 0 || skip < expected.length; skip += 100) {
      const page = (await ctx.client.call('listCustomers', {}, { query: { filter, orderby, skip, top: 100 } })).body;
      expect(page.total).toBe(expected.length);
      seen.push(...page.value.map((c: { customerGuid: string }) => c.customerGuid));
    }
    expect(seen).toEqual(expected);
  }
}

const name = fc.constantFrom('Anna Berg', 'Zed AB', 'Mona Lind', 'Ola Dahl', 'Bank AB', 'anders', 'MANS');
const write = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), guid: fc.uuid({ version: 4 }), fullName: name, juridicalType: fc.constantFrom(0, 1), regDate: fc.constantFrom(null, '2020-01-01T00:00:00Z', '2020-01-01T01:00:00+02:00') }),
  fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), fullName: name, juridicalType: fc.constantFrom(0, 1, null), email: fc.constantFrom(null, 'x@example.se') }),
  fc.record({ kind: fc.constant('api-update' as const), pick: fc.nat(), lastname: name }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

describe('cached list selections under writes', () => {
  it('stay equal to a fresh filter and sort after every write', async () => {
    await ctx.client.login();
    await checkAll(); // fills the caches
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 6 }), async (writes) => {
        const store = ctx.sandbox.store;
        for (const w of writes) {
          const target = store.ordered()[('pick' in w ? w.pick : 0) % store.size];
          if (w.kind === 'insert') {
            if (!store.record(w.guid)) store.insertCustomer(fixtureCustomer(w.guid, { fullName: w.fullName, juridicalType: w.juridicalType, regDate: w.regDate }));
          } else if (!target) {
            continue;
          } else if (w.kind === 'update') {
            store.updateCustomer(target.customer.customerGuid, { fullName: w.fullName, juridicalType: w.juridicalType, email: w.email });
          } else if (w.kind === 'api-update') {
            await ctx.client.call('updateCustomer', { customerGuid: target.customer.customerGuid }, { body: { lastname: w.lastname } });
          } else {
            store.deleteCustomer(target.customer.customerGuid);
          }
          await checkAll();
        }
      }),
      { numRuns: 25 },
    );
  });
});
