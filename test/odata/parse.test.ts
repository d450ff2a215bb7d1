import { describe, expect, it } from 'vitest';
import { and, contains, datetime, eq, gt, ne, not, or, parseFilter, serializeFilter, type FilterNode } from '../../shared/odata';
import { FIELDS } from './helpers';

const n = (value: number) => ({ kind: 'number', value }) as const;
const s = (value: string) => ({ kind: 'string', value }) as const;

describe('parseFilter: constructs', () => {
  it('treats empty and whitespace-only text as no filter', () => {
    expect(parseFilter('')).toBeNull();
    expect(parseFilter(' \t\r\n ')).toBeNull();
  });

  it.each([
    ['eq'], ['ne'], ['gt'], ['ge'], ['lt'], ['le'],
  ] as const)('parses the %s operator', (op) => {
    expect(parseFilter(`age ${op} 5`)).toEqual({ type: 'compare', op, property: 'age', value: n(5) });
  });

  it('parses every literal kind', () => {
    const value = (text: string) => (parseFilter(`p eq ${text}`) as Extract<FilterNode, { type: 'compare' }>).value;
    expect(value("'abc'")).toEqual(s('abc'));
    expect(value("''")).toEqual(s(''));
    expect(value("'it''s'")).toEqual(s("it's"));
    expect(value("''''")).toEqual(s("'"));
    expect(value("'a (b), c eq d'")).toEqual(s('a (b), c eq d'));
    expect(value('42')).toEqual(n(42));
    expect(value('-3.25')).toEqual(n(-3.25));
    expect(value('1.5e3')).toEqual(n(1500));
    expect(value('-0')).toEqual(n(0));
    expect(Object.is((value('-0') as { value: number }).value, 0)).toBe(true);
    expect(value('true')).toEqual({ kind: 'boolean', value: true });
    expect(value('FALSE')).toEqual({ kind: 'boolean', value: false });
    expect(value('Null')).toEqual({ kind: 'null' });
    expect(value('2019-08-24')).toEqual({ kind: 'datetime', value: '2019-08-24' });
    expect(value('2019-08-24T14:15:22Z')).toEqual({ kind: 'datetime', value: '2019-08-24T14:15:22Z' });
    expect(value('2019-08-24T14:15:22.123+02:00')).toEqual({ kind: 'datetime', value: '2019-08-24T14:15:22.123+02:00' });
    expect(value('2020-02-29T00:00')).toEqual({ kind: 'datetime', value: '2020-02-29T00:00' });
    expect(value('2019-08-24T14:15:22+0200')).toEqual({ kind: 'datetime', value: '2019-08-24T14:15:22+0200' });
    expect(value('2019-08-24T14:15:22-05')).toEqual({ kind: 'datetime', value: '2019-08-24T14:15:22-05' });
  });

  it('parses the three functions, case-insensitively', () => {
    expect(parseFilter("contains(fullName, 'ab')")).toEqual({ type: 'function', name: 'contains', property: 'fullName', value: s('ab') });
    expect(parseFilter("StartsWith(fullName,'x')")).toEqual({ type: 'function', name: 'startswith', property: 'fullName', value: s('x') });
    expect(parseFilter("ENDSWITH ( fullName , 'y' )")).toEqual({ type: 'function', name: 'endswith', property: 'fullName', value: s('y') });
  });

  it('accepts keywords in any case and needs no spaces around parentheses', () => {
    expect(parseFilter('NOT(a EQ 1)AND(b Ne 2)')).toEqual(and(not(eq('a', 1)), ne('b', 2)));
  });

  it('keeps property names as written without field types', () => {
    expect(parseFilter('FULLNAME eq 1')).toEqual(eq('FULLNAME', 1));
  });

  it('allows function names as plain property names', () => {
    expect(parseFilter("contains eq 'x'")).toEqual(eq('contains', 'x'));
  });
});

describe('parseFilter: precedence and grouping', () => {
  it('binds and tighter than or', () => {
    expect(parseFilter('a eq 1 or b eq 2 and c eq 3')).toEqual(or(eq('a', 1), and(eq('b', 2), eq('c', 3))));
    expect(parseFilter('a eq 1 and b eq 2 or c eq 3')).toEqual(or(and(eq('a', 1), eq('b', 2)), eq('c', 3)));
  });

  it('is left-associative', () => {
    expect(parseFilter('a eq 1 or b eq 2 or c eq 3')).toEqual({ type: 'or', left: or(eq('a', 1), eq('b', 2)), right: eq('c', 3) });
  });

  it('binds not tighter than and, looser than a comparison', () => {
    expect(parseFilter('not a eq 1 and b eq 2')).toEqual(and(not(eq('a', 1)), eq('b', 2)));
    expect(parseFilter('not not a eq 1')).toEqual(not(not(eq('a', 1))));
  });

  it('lets parentheses override precedence, and drops redundant ones', () => {
    expect(parseFilter('(a eq 1 or b eq 2) and c eq 3')).toEqual(and(or(eq('a', 1), eq('b', 2)), eq('c', 3)));
    expect(parseFilter('not (a eq 1 or b eq 2)')).toEqual(not(or(eq('a', 1), eq('b', 2))));
    expect(parseFilter('(((a eq 1)))')).toEqual(eq('a', 1));
  });

  it('accepts 64 levels of nesting', () => {
    expect(parseFilter(`${'('.repeat(64)}a eq 1${')'.repeat(64)}`)).toEqual(eq('a', 1));
    expect(parseFilter(`${'not '.repeat(64)}a eq 1`)).not.toBeNull();
  });

  it('handles a long flat chain without deep recursion', () => {
    const text = Array.from({ length: 300 }, (_, i) => `p eq ${i}`).join(' or ');
    expect(text.length).toBeLessThan(4000);
    expect(serializeFilter(parseFilter(text))).toBe(text);
  });
});

describe('parseFilter: field resolution', () => {
  it('resolves names case-insensitively to the canonical spelling', () => {
    expect(parseFilter("FULLNAME eq 'x' and contains(fullname, 'y')", FIELDS))
      .toEqual(and(eq('fullName', 'x'), contains('fullName', 'y')));
    expect(parseFilter('JURIDICALTYPE eq 1', FIELDS)).toEqual(eq('juridicalType', 1));
  });

  it('accepts matching types and null against any field', () => {
    expect(parseFilter('isProtected eq true', FIELDS)).toEqual(eq('isProtected', true));
    expect(parseFilter('juridicalType ne null and addresses eq null and addresses ne null', FIELDS)).not.toBeNull();
    expect(parseFilter('createdAt gt 2019-08-24', FIELDS)).toEqual(gt('createdAt', datetime('2019-08-24')));
  });

  it('turns a quoted ISO date-time against a datetime field into a datetime literal', () => {
    expect(parseFilter("createdAt ge '2019-08-24T14:15:22+02:00'", FIELDS))
      .toEqual({ type: 'compare', op: 'ge', property: 'createdAt', value: { kind: 'datetime', value: '2019-08-24T14:15:22+02:00' } });
  });

  it('keeps a date-time typed as a string literal against a string field', () => {
    expect(parseFilter("fullName eq '2019-08-24'", FIELDS)).toEqual(eq('fullName', '2019-08-24'));
  });
});

describe('serializeFilter', () => {
  it('writes canonical text with minimal parentheses', () => {
    expect(serializeFilter(null)).toBe('');
    expect(serializeFilter(parseFilter("A EQ 'it''s' OR (b eq 2 AND c eq 3)"))).toBe("A eq 'it''s' or b eq 2 and c eq 3");
    expect(serializeFilter(parseFilter('(a eq 1 or b eq 2) and c eq 3'))).toBe('(a eq 1 or b eq 2) and c eq 3');
    expect(serializeFilter(parseFilter('a eq 1 or (b eq 2 or c eq 3)'))).toBe('a eq 1 or (b eq 2 or c eq 3)');
    expect(serializeFilter(parseFilter('a eq 1 and (b eq 2 and c eq 3)'))).toBe('a eq 1 and (b eq 2 and c eq 3)');
    expect(serializeFilter(parseFilter('not (a eq 1 and b eq 2)'))).toBe('not (a eq 1 and b eq 2)');
    expect(serializeFilter(parseFilter("not contains(x,'y')"))).toBe("not contains(x, 'y')");
    expect(serializeFilter(parseFilter('d lt 2019-08-24T14:15:22.123-05:30'))).toBe('d lt 2019-08-24T14:15:22.123-05:30');
  });

  it('builds the paging filter the sync engine needs', () => {
    expect(serializeFilter(and(null, gt('customerGuid', 'x')))).toBe("customerGuid gt 'x'");
    const user = parseFilter("fullName eq 'a' or fullName eq 'b'");
    expect(serializeFilter(and(user, gt('customerGuid', "o'k")))).toBe("(fullName eq 'a' or fullName eq 'b') and customerGuid gt 'o''k'");
    expect(and(null, null)).toBeNull();
  });

  it('refuses to write what would not parse back', () => {
    expect(() => eq('a or b', 1)).toThrow(RangeError);
    expect(() => eq('null', 1)).toThrow(RangeError);
    expect(() => eq('a', Number.NaN)).toThrow(RangeError);
    expect(() => datetime('2019-02-30')).toThrow(RangeError);
    expect(() => serializeFilter({ type: 'compare', op: 'eq', property: 'x)', value: { kind: 'null' } })).toThrow(RangeError);
    expect(() => serializeFilter({ type: 'compare', op: 'eq', property: 'x', value: { kind: 'datetime', value: "1' or 1" } })).toThrow(RangeError);
  });
});
