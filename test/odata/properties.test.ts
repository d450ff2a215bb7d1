import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareBy, datetime, evaluateFilter, isoInstant, gt, lt, eq, lit, not, and, or, parseFilter, serializeFilter,
  ODataError, type FieldType, type FilterNode, type Literal,
} from '../../shared/odata';
import { FIELDS } from './helpers';

const PROPS = ['a', 'b', 'Name', 'x_1', '_y', 'contains'] as const;
const prop = fc.constantFrom(...PROPS);

// Small domains so that generated records actually hit the generated literals.
const shortString = fc.oneof(
  fc.constantFrom('', 'a', 'A', 'ab', 'AB', "o'k", "''", 'x y', '(', 'and', 'Å', 'å'),
  fc.string({ maxLength: 8, unit: 'grapheme' }),
  fc.string({ maxLength: 8, unit: 'binary' }),
);
const finiteNumber = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
).map((n) => (n === 0 ? 0 : n));

/** ISO text for an instant, written in one of the forms the grammar accepts, and its instant. */
const isoSample = fc.record({
  instant: fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(2999, 11, 31) }),
  offset: fc.constantFrom<number | null>(null, 0, 120, -330, 840, -720),
  form: fc.constantFrom('date', 'minutes', 'seconds', 'millis'),
  zoneStyle: fc.constantFrom('hh:mm', 'hhmm', 'hh'),
  lowercase: fc.boolean(),
}).map(({ instant, offset, form, zoneStyle, lowercase }) => {
  const wall = new Date(instant + (offset ?? 0) * 60_000).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  const body = wall.slice(0, { date: 10, minutes: 16, seconds: 19, millis: 23 }[form]);
  const abs = Math.abs(offset ?? 0);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  const sep = zoneStyle === 'hh:mm' ? ':' : '';
  const zone = offset === null || form === 'date' ? '' : offset === 0 ? 'Z'
    : `${offset < 0 ? '-' : '+'}${hh}${zoneStyle === 'hh' && mm === '00' ? '' : sep + mm}`;
  const text = body + zone;
  const precision = { date: 86_400_000, minutes: 60_000, seconds: 1000, millis: 1 }[form];
  // A date alone is midnight UTC of the date as written, whatever offset produced it.
  const expected = Math.floor((form === 'date' ? instant + (offset ?? 0) * 60_000 : instant) / precision) * precision;
  return { text: lowercase ? text.toLowerCase() : text, expected };
});
const isoText = isoSample.map((s) => s.text);

const literal: fc.Arbitrary<Literal> = fc.oneof(
  shortString.map((value) => ({ kind: 'string', value }) as const),
  finiteNumber.map((value) => ({ kind: 'number', value }) as const),
  fc.boolean().map((value) => ({ kind: 'boolean', value }) as const),
  fc.constant({ kind: 'null' } as const),
  isoText.map((value) => ({ kind: 'datetime', value }) as const),
);

const leaf: fc.Arbitrary<FilterNode> = fc.oneof(
  fc.record({
    type: fc.constant('compare' as const),
    op: fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le'),
    property: prop,
    value: literal,
  }),
  fc.record({
    type: fc.constant('function' as const),
    name: fc.constantFrom('contains', 'startswith', 'endswith'),
    property: prop,
    value: shortString.map((value) => ({ kind: 'string', value }) as const),
  }),
);

const filter: fc.Arbitrary<FilterNode> = fc.letrec<{ node: FilterNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ type: fc.constantFrom('and' as const, 'or' as const), left: tie('node'), right: tie('node') }),
    fc.record({ type: fc.constant('not' as const), operand: tie('node') }),
  ),
})).node;

const value = fc.oneof(
  shortString, finiteNumber, fc.boolean(), fc.constant(null), isoText, fc.constant([1]),
);
const record = fc.dictionary(prop, value, { maxKeys: PROPS.length });

describe('properties', () => {
  it('isoInstant reads every generated date-time form correctly', () => {
    fc.assert(fc.property(isoSample, ({ text, expected }) => {
      expect(isoInstant(text)).toBe(expected);
    }), { numRuns: 1000 });
  });

  it('parseFilter(serializeFilter(ast)) deep-equals ast', () => {
    fc.assert(fc.property(filter, (ast) => {
      expect(parseFilter(serializeFilter(ast))).toEqual(ast);
    }), { numRuns: 1000 });
  });

  it('untrusted text either parses or fails with an ODataError pointing inside it', () => {
    const piece = fc.oneof(
      fc.constantFrom('(', ')', ',', "'", "''", ' ', 'not ', ' and ', ' or ', ' eq ', ' gt ', 'contains', 'fullName',
        'juridicalType', 'createdAt', 'addresses', 'null', 'true', '1', '-2.5', '2019-08-24', '2019-08-24T10:00:00Z', '"', '&'),
      fc.string({ maxLength: 3 }),
    );
    const text = fc.array(piece, { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, fc.boolean(), (t, typed) => {
      try {
        const ast = parseFilter(t, typed ? FIELDS : undefined);
        if (ast !== null) expect(parseFilter(serializeFilter(ast), typed ? FIELDS : undefined)).toEqual(ast);
      } catch (e) {
        expect(e).toBeInstanceOf(ODataError);
        const { position } = e as ODataError;
        expect(position).toBeGreaterThanOrEqual(0);
        expect(position).toBeLessThanOrEqual(t.length);
      }
    }), { numRuns: 2000 });
  });

  it('a round trip through text never changes what a filter selects', () => {
    fc.assert(fc.property(filter, fc.array(record, { maxLength: 8 }), (ast, records) => {
      const reparsed = parseFilter(serializeFilter(ast));
      for (const r of records) expect(evaluateFilter(reparsed, r)).toBe(evaluateFilter(ast, r));
    }), { numRuns: 500 });
  });

  it('not, and, or follow two-valued logic (De Morgan holds, even with nulls)', () => {
    fc.assert(fc.property(filter, filter, record, (x, y, r) => {
      expect(evaluateFilter(not(and(x, y)), r)).toBe(evaluateFilter(or(not(x), not(y)), r));
      expect(evaluateFilter(not(x), r)).toBe(!evaluateFilter(x, r));
    }), { numRuns: 300 });
  });

  // Key-based paging asks for "rows after the last key seen" with a gt filter on a list sorted by
  // compareBy; both must order values identically. b is the page boundary, so never null.
  type Pair = { type: FieldType; a: unknown; b: unknown; literal: Literal };
  const sameKindPair: fc.Arbitrary<Pair> = fc.oneof(
    fc.tuple(shortString, shortString).map(([a, b]) => ({ type: 'string' as const, a, b, literal: lit(b) })),
    // Case variants of one string must compare equal both ways.
    shortString.map((a) => ({ type: 'string' as const, a, b: a.toUpperCase(), literal: lit(a.toUpperCase()) })),
    fc.tuple(finiteNumber, finiteNumber).map(([a, b]) => ({ type: 'number' as const, a, b, literal: lit(b) })),
    fc.tuple(fc.boolean(), fc.boolean()).map(([a, b]) => ({ type: 'boolean' as const, a, b, literal: lit(b) })),
    fc.tuple(isoText, isoText).map(([a, b]) => ({ type: 'datetime' as const, a, b, literal: datetime(b) })),
    fc.tuple(fc.constantFrom(null, undefined), shortString).map(([a, b]) => ({ type: 'string' as const, a, b, literal: lit(b) })),
  );

  it('compareBy agrees with the gt, lt and eq filters', () => {
    fc.assert(fc.property(sameKindPair, fc.constantFrom('asc' as const, 'desc' as const), ({ type, a, b, literal }, direction) => {
      const cmp = compareBy([{ property: 'p', direction, type }]);
      const ra = a === undefined ? {} : { p: a };
      // The ascending order, whichever direction the comparator was built for.
      const c = Math.sign(cmp(ra, { p: b })) * (direction === 'desc' ? -1 : 1);
      expect(c > 0).toBe(evaluateFilter(gt('p', literal), ra));
      if (a === null || a === undefined) {
        // Nulls sort first, yet `null lt b` is false: a descending page boundary needs `or p eq null`.
        expect(c).toBeLessThan(0);
        expect(evaluateFilter(lt('p', literal), ra)).toBe(false);
      } else {
        expect(c < 0).toBe(evaluateFilter(lt('p', literal), ra));
        expect(c === 0).toBe(evaluateFilter(eq('p', literal), ra));
      }
    }), { numRuns: 2000 });
  });
});
