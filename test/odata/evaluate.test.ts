import { describe, expect, it } from 'vitest';
import { evaluateFilter, isoInstant, parseFilter } from '../../shared/odata';
import { FIELDS } from './helpers';

const matches = (filter: string, record: Record<string, unknown>) => evaluateFilter(parseFilter(filter), record);

type Row = [filter: string, record: Record<string, unknown>, expected: boolean];

function table(rows: Row[]) {
  it.each(rows)('%s on %j -> %s', (filter, record, expected) => {
    expect(matches(filter, record)).toBe(expected);
  });
}

describe('evaluateFilter', () => {
  it('matches everything without a filter', () => {
    expect(evaluateFilter(null, {})).toBe(true);
    expect(evaluateFilter(parseFilter('  '), { a: 1 })).toBe(true);
  });

  describe('strings compare case-insensitively, by code unit', () => {
    table([
      ["name eq 'ANNA'", { name: 'anna' }, true],
      ["name ne 'ANNA'", { name: 'anna' }, false],
      ["name eq 'anna'", { name: 'anna ' }, false],
      ["name gt 'B'", { name: 'a' }, false],
      ["name gt 'a'", { name: 'B' }, true],
      ["name ge 'b'", { name: 'B' }, true],
      ["name le 'b'", { name: 'B' }, true],
      ["name lt 'b'", { name: 'B' }, false],
      // Ordinal: 'å' (U+00E5) sorts after 'z', unlike Swedish or English collation.
      ["name gt 'z'", { name: 'Å' }, true],
      // Ordinal: '_' (U+005F) sorts before 'a' (U+0061).
      ["name lt 'a'", { name: '_' }, true],
      ["name eq 'it''s'", { name: "IT'S" }, true],
    ]);
  });

  describe('functions are case-insensitive and false on null or non-strings', () => {
    table([
      ["contains(name, 'NN')", { name: 'Anna' }, true],
      ["contains(name, 'x')", { name: 'Anna' }, false],
      ["contains(name, '')", { name: '' }, true],
      ["startswith(name, 'an')", { name: 'Anna' }, true],
      ["startswith(name, 'nn')", { name: 'Anna' }, false],
      ["endswith(name, 'NA')", { name: 'Anna' }, true],
      ["endswith(name, 'An')", { name: 'Anna' }, false],
      ["contains(name, 'a')", { name: null }, false],
      ["contains(name, 'a')", {}, false],
      ["contains(name, '1')", { name: 12 }, false],
      ["not contains(name, 'a')", {}, true],
    ]);
  });

  describe('null handling', () => {
    table([
      ['x eq null', { x: null }, true],
      ['x eq null', {}, true],
      ['x eq null', { x: undefined }, true],
      ['x eq null', { x: 0 }, false],
      ["x eq null", { x: '' }, false],
      ['x ne null', { x: null }, false],
      ['x ne null', { x: false }, true],
      ['x ne null', { x: [] }, true],
      ["x eq 'a'", { x: null }, false],
      ["x ne 'a'", { x: null }, true],
      ["x ne 'a'", {}, true],
      ['x gt 1', { x: null }, false],
      ['x lt 1', {}, false],
      ['x le 1', {}, false],
      ['x ge null', { x: null }, false],
      ['x gt null', { x: 5 }, false],
      ['x lt null', { x: 5 }, false],
      ['not (x gt 1)', { x: null }, true],
    ]);
  });

  describe('numbers and booleans', () => {
    table([
      ['n eq 1', { n: 1 }, true],
      ['n eq 1.0', { n: 1 }, true],
      ['n gt -1.5', { n: -1 }, true],
      ['n lt 10', { n: 9 }, true],
      ['n lt 10', { n: 10 }, false],
      ['n le 10', { n: 10 }, true],
      ['n ge 1e3', { n: 999 }, false],
      ["n eq '1'", { n: 1 }, false],
      ["n ne '1'", { n: 1 }, true],
      ['n eq 1', { n: '1' }, false],
      ['b eq true', { b: true }, true],
      ['b eq TRUE', { b: false }, false],
      ['b gt false', { b: true }, true],
      ['b lt true', { b: false }, true],
      ['b eq 1', { b: true }, false],
    ]);
  });

  describe('datetimes compare as instants', () => {
    table([
      ['d eq 2019-08-24T14:15:22Z', { d: '2019-08-24T16:15:22+02:00' }, true],
      ['d eq 2019-08-24T14:15:22.000+00:00', { d: '2019-08-24T14:15:22Z' }, true],
      ['d gt 2019-08-24T14:15:22Z', { d: '2019-08-24T15:15:22+02:00' }, false],
      ['d lt 2019-08-24T14:15:22Z', { d: '2019-08-24T15:15:22+02:00' }, true],
      ['d gt 2019-08-24T14:15:22.123+02:00', { d: '2019-08-24T12:15:22.124Z' }, true],
      ['d eq 2019-08-24', { d: '2019-08-24T00:00:00Z' }, true],
      ['d ge 2019-08-24', { d: '2019-08-23T23:59:59Z' }, false],
      ['d lt 2019-08-24', { d: '2019-08-24T01:00:00+02:00' }, true],
      // No offset means UTC, never the machine's local time zone.
      ['d eq 2019-08-24T14:15:22', { d: '2019-08-24T14:15:22Z' }, true],
      ['d eq 2019-08-24T14:15:22.1234567Z', { d: '2019-08-24T14:15:22.123Z' }, true],
      ['d gt 2019-08-24', { d: 'not a date' }, false],
      ['d ne 2019-08-24', { d: 'not a date' }, true],
      ['d gt 2019-08-24', { d: 1566604800000 }, false],
      // A string literal compares text, not instants.
      ["d lt '2019-08-24T14:00:00Z'", { d: '2019-08-24T15:00:00+02:00' }, false],
    ]);

    it('compares instants for a quoted date-time when the field is a datetime', () => {
      const f = parseFilter("createdAt lt '2019-08-24T14:00:00Z'", FIELDS);
      expect(evaluateFilter(f, { createdAt: '2019-08-24T15:00:00+02:00' })).toBe(true);
    });

    it('parses ISO instants strictly', () => {
      expect(isoInstant('2019-08-24')).toBe(Date.UTC(2019, 7, 24));
      expect(isoInstant('2019-08-24T14:15:22.123+02:00')).toBe(Date.UTC(2019, 7, 24, 12, 15, 22, 123));
      expect(isoInstant('0099-01-01')).toBe(Date.parse('0099-01-01T00:00:00Z'));
      expect(isoInstant('2020-02-29')).toBe(Date.UTC(2020, 1, 29));
      expect(isoInstant('2019-02-29')).toBeUndefined();
      expect(isoInstant('1900-02-29')).toBeUndefined();
      expect(isoInstant('2019-08-24T24:00:00Z')).toBeUndefined();
      // Forms valibot's isoTimestamp() lets into records.
      expect(isoInstant('2019-08-24 14:15:22Z')).toBe(Date.UTC(2019, 7, 24, 14, 15, 22));
      expect(isoInstant('2019-08-24T14:15:22+0200')).toBe(Date.UTC(2019, 7, 24, 12, 15, 22));
      expect(isoInstant('2019-08-24T14:15:22 -02')).toBe(Date.UTC(2019, 7, 24, 16, 15, 22));
      expect(isoInstant('2019-08-24T14:15:22+24:00')).toBeUndefined();
      expect(isoInstant('2019-08-24T14:15:22+02:60')).toBeUndefined();
      expect(isoInstant('2019-08-24T14:15:22+2')).toBeUndefined();
      expect(isoInstant('20190824')).toBeUndefined();
    });
  });

  describe('logic', () => {
    table([
      ['a eq 1 and b eq 2', { a: 1, b: 2 }, true],
      ['a eq 1 and b eq 2', { a: 1, b: 3 }, false],
      ['a eq 1 or b eq 2', { a: 0, b: 2 }, true],
      ['a eq 1 or b eq 2', { a: 0, b: 0 }, false],
      ['not a eq 1', { a: 1 }, false],
      ['not not a eq 1', { a: 1 }, true],
      ['a eq 1 or b eq 2 and c eq 3', { a: 1, b: 0, c: 0 }, true],
      ['(a eq 1 or b eq 2) and c eq 3', { a: 1, b: 0, c: 0 }, false],
    ]);
  });

  it('never reads inherited properties', () => {
    expect(matches('constructor ne null', {})).toBe(false);
    expect(matches('toString eq null', {})).toBe(true);
    expect(matches('__proto__ eq null', {})).toBe(true);
  });
});
