import { describe, expect, it } from 'vitest';
import { compareBy, parseOrderBy, serializeOrderBy } from '../../shared/odata';
import { FIELDS } from './helpers';

describe('parseOrderBy', () => {
  it('parses keys, directions and defaults', () => {
    expect(parseOrderBy('')).toEqual([]);
    expect(parseOrderBy('   ')).toEqual([]);
    expect(parseOrderBy('fullname desc')).toEqual([{ property: 'fullname', direction: 'desc' }]);
    expect(parseOrderBy('a, b DESC ,c Asc')).toEqual([
      { property: 'a', direction: 'asc' },
      { property: 'b', direction: 'desc' },
      { property: 'c', direction: 'asc' },
    ]);
  });

  it('resolves names case-insensitively and records the field type', () => {
    expect(parseOrderBy('FULLNAME desc, createdat', FIELDS)).toEqual([
      { property: 'fullName', direction: 'desc', type: 'string' },
      { property: 'createdAt', direction: 'asc', type: 'datetime' },
    ]);
  });

  it('serializes canonically, and the text parses back', () => {
    const keys = parseOrderBy('a, b DESC');
    expect(serializeOrderBy(keys)).toBe('a asc, b desc');
    expect(parseOrderBy(serializeOrderBy(keys))).toEqual(keys);
    expect(serializeOrderBy([])).toBe('');
    expect(() => serializeOrderBy([{ property: 'a desc, b', direction: 'asc' }])).toThrow(RangeError);
  });
});

describe('compareBy', () => {
  const rows = [
    { id: 1, name: 'bertil', n: 2 },
    { id: 2, name: 'Anna', n: null },
    { id: 3, name: 'anna', n: 1 },
    { id: 4, name: 'Cecilia', n: 1 },
    { id: 5, n: 3 },
  ];
  const ids = (sorted: Array<{ id: number }>) => sorted.map((r) => r.id);

  it('sorts case-insensitively, nulls and missing values first ascending', () => {
    expect(ids([...rows].sort(compareBy(parseOrderBy('name'), 'id')))).toEqual([5, 2, 3, 1, 4]);
  });

  it('puts nulls last descending', () => {
    expect(ids([...rows].sort(compareBy(parseOrderBy('name desc'), 'id')))).toEqual([4, 1, 2, 3, 5]);
    expect(ids([...rows].sort(compareBy(parseOrderBy('n desc'), 'id')))).toEqual([5, 1, 3, 4, 2]);
  });

  it('uses later keys to break ties', () => {
    expect(ids([...rows].sort(compareBy(parseOrderBy('n, name desc'))))).toEqual([2, 4, 3, 1, 5]);
  });

  it('appends the tie-breaker ascending so that equal keys get a stable order', () => {
    const shuffled = [rows[3]!, rows[2]!, rows[1]!, rows[0]!, rows[4]!];
    const byName = compareBy(parseOrderBy('name'), 'id');
    expect(ids([...shuffled].sort(byName))).toEqual(ids([...rows].sort(byName)));
    // 'Anna' and 'anna' tie on the name; only the tie-breaker orders them.
    expect(byName(rows[1]!, rows[2]!)).toBeLessThan(0);
    expect(byName(rows[2]!, rows[1]!)).toBeGreaterThan(0);
    // Already a key: not appended again, so its direction wins.
    expect(ids([...rows].sort(compareBy(parseOrderBy('id desc'), 'id')))).toEqual([5, 4, 3, 2, 1]);
  });

  it('orders date-time fields by instant when the key carries the type', () => {
    const events = [
      { id: 'a', createdAt: '2019-08-24T13:00:00+02:00' }, // 11:00Z
      { id: 'b', createdAt: '2019-08-24T12:00:00Z' },
      { id: 'c', createdAt: '2019-08-24' },
    ];
    const typed = [...events].sort(compareBy(parseOrderBy('createdAt', FIELDS))).map((e) => e.id);
    expect(typed).toEqual(['c', 'a', 'b']);
    const untyped = [...events].sort(compareBy(parseOrderBy('createdAt'))).map((e) => e.id);
    expect(untyped).toEqual(['c', 'b', 'a']);
  });

  it('gives mixed-type columns a deterministic order', () => {
    const mixed = [{ v: 'x' }, { v: 2 }, { v: true }, { v: null }, { v: { o: 1 } }, { v: 1 }];
    expect([...mixed].sort(compareBy(parseOrderBy('v'))).map((r) => r.v)).toEqual([null, true, 1, 2, 'x', { o: 1 }]);
  });
});
