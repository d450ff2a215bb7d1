import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFilter, type CompareOp, type FilterNode, type Literal } from '../../shared/odata';
import { toCachedCustomer } from '../../renderer/src/cache/customer-index';
import { compileFilter } from '../../renderer/src/customers/filter-compile';
import { CustomerProjection } from '../../renderer/src/customers/projection';
import type { Customer } from '../../shared/api/schemas';

/*
 * The list's compiled filter must select exactly what the shared evaluator (the sandbox's, and
 * so the API's) selects: random customers, random filters over every kind of field, compared.
 */

const text = fc.oneof(fc.constant(null), fc.constantFrom('Anna', 'anna', 'ÅSA', 'Öberg', 'b', '', 'C-100042', 'x@Y.se', 'Ärlig'));
const date = fc.oneof(fc.constant(null), fc.constantFrom('2020-01-01T00:00:00Z', '2021-06-15T08:30:00+02:00', '1999-12-31', 'not a date'));
const num = fc.oneof(fc.constant(null), fc.constantFrom(0, 1, 2, -1, 0.5));
const bool = fc.oneof(fc.constant(null), fc.boolean());

const customer = fc.record({
  customerGuid: fc.uuid(),
  fullName: text, email: text, customerReference: text, cultureCode: text,
  regDate: date, dateOfBirth: date,
  juridicalType: num, gender: num,
  underAged: bool,
  addresses: fc.oneof(fc.constant(null), fc.constant([])),
}).map((c) => c as unknown as Customer);

const props = {
  string: ['fullName', 'email', 'customerReference', 'cultureCode', 'nosuch'],
  datetime: ['regDate', 'dateOfBirth'],
  number: ['juridicalType', 'gender'],
  boolean: ['underAged'],
  other: ['addresses'],
};
const anyProp = fc.constantFrom(...Object.values(props).flat());
const literal: fc.Arbitrary<Literal> = fc.oneof(
  fc.constant<Literal>({ kind: 'null' }),
  fc.constantFrom('anna', 'ÅSA', 'b', '', 'c-1', 'x@y').map((value): Literal => ({ kind: 'string', value })),
  fc.constantFrom(0, 1, 2, 0.5).map((value): Literal => ({ kind: 'number', value })),
  fc.boolean().map((value): Literal => ({ kind: 'boolean', value })),
  fc.constantFrom('2020-01-01T00:00:00Z', '2021-06-15', '1999-12-31T23:59:59-01:00').map((value): Literal => ({ kind: 'datetime', value })),
);
const ops: CompareOp[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

const filter: fc.Arbitrary<FilterNode> = fc.letrec<{ node: FilterNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('compare' as const), op: fc.constantFrom(...ops), property: anyProp, value: literal }),
    fc.record({
      type: fc.constant('function' as const), name: fc.constantFrom('contains' as const, 'startswith' as const, 'endswith' as const),
      property: anyProp, value: fc.constantFrom('an', 'å', '', 'se', '42').map((value) => ({ kind: 'string' as const, value })),
    }),
    fc.record({ type: fc.constantFrom('and' as const, 'or' as const), left: tie('node'), right: tie('node') }),
    fc.record({ type: fc.constant('not' as const), operand: tie('node') }),
  ),
})).node;

describe('compileFilter', () => {
  it('agrees with the shared evaluateFilter on every record', () => {
    fc.assert(fc.property(fc.array(customer, { minLength: 1, maxLength: 12 }), filter, (customers, node) => {
      const projection = new CustomerProjection();
      const unique = [...new Map(customers.map((c) => [c.customerGuid, c])).values()];
      for (const c of unique) projection.upsert(toCachedCustomer(c, { fetchedAt: null, detailFetchedAt: null, passId: 0 }));
      const predicate = compileFilter(projection, node);
      unique.forEach((c, row) => {
        expect(predicate(row), JSON.stringify({ node, c })).toBe(evaluateFilter(node, c as unknown as Record<string, unknown>));
      });
    }), { numRuns: 3000 });
  });
});
