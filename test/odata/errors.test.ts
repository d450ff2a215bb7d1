import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH, parseFilter, parseOrderBy, type FieldTypes } from '../../shared/odata';
import { FIELDS, odataError } from './helpers';

type Case = [name: string, text: string, token: string, position: number, fields?: FieldTypes];

const deepParens = `${'('.repeat(65)}a eq 1${')'.repeat(65)}`;
const deepNots = `${'not '.repeat(65)}a eq 1`;
const tooLong = `a eq '${'x'.repeat(MAX_TEXT_LENGTH)}'`;

const cases: Case[] = [
  ['unknown operator', "fullName like 'x'", 'like', 9],
  ['operator missing at the end', 'fullName', '', 8],
  ['unknown function', "substringof('x', fullName)", 'substringof', 0],
  ['keyword used as a function', "and(a, 'x')", 'and', 0],
  ['unterminated string', "a eq 'abc", "'abc", 5],
  ['unterminated string after an escaped quote', "a eq 'it''s", "'it''s", 5],
  ['trailing garbage', 'a eq 1 b', 'b', 7],
  ['trailing closing parenthesis', 'a eq 1)', ')', 6],
  ['missing closing parenthesis', '(a eq 1', '', 7],
  ['empty parentheses', '()', ')', 1],
  ['eq without a left side', 'eq 1', 'eq', 0],
  ['operator without a value', 'a eq', '', 4],
  ['dangling and', 'a eq 1 and', '', 10],
  ['property on the right', 'a eq b', 'b', 5],
  ['literal on the left', "'x' eq a", "'x'", 0],
  ['bad datetime: no such day', 'a lt 2019-02-30', '2019-02-30', 5],
  ['bad datetime: hour 25', 'a lt 2019-08-24T25:00:00Z', '2019-08-24T25:00:00Z', 5],
  ['bad datetime: bad offset', 'a lt 2019-08-24T10:00:00+2:00', '2019-08-24T10:00:00+2:00', 5],
  ['bad datetime: dangling T', 'a lt 2019-08-24T', '2019-08-24T', 5],
  ['bad number', 'a eq 1.2.3', '1.2.3', 5],
  ['number glued to letters', 'a eq 12abc', '12abc', 5],
  ['number out of range', 'a eq 1e999', '1e999', 5],
  ['double-quoted string', 'a eq "x"', '"', 5],
  ['unknown character', 'a eq 1 && b eq 2', '&', 7],
  ['dotted path', 'address.city eq 1', 'address.city', 0],
  ['function with a non-string argument', 'contains(fullName, 5)', '5', 19],
  ['function with null', 'contains(fullName, null)', 'null', 19],
  ['function with a literal first', "contains('x', fullName)", "'x'", 9],
  ['function without comma', "contains(fullName 'x')", "'x'", 18],
  ['function with three arguments', "contains(fullName, 'x', 'y')", ',', 22],
  ['unknown field', "nickname eq 'x'", 'nickname', 0, FIELDS],
  ['unknown field in a function', "startswith(nick, 'x')", 'nick', 11, FIELDS],
  ['type mismatch: number field, string value', "juridicalType eq 'abc'", "'abc'", 17, FIELDS],
  ['type mismatch: string field, number value', 'fullName eq 1', '1', 12, FIELDS],
  ['type mismatch: boolean field', 'isProtected eq 1', '1', 15, FIELDS],
  ['type mismatch: datetime field, non-date string', "createdAt gt 'soon'", "'soon'", 13, FIELDS],
  ['type mismatch: function on a number field', "contains(juridicalType, '1')", 'juridicalType', 9, FIELDS],
  ['type mismatch: array field compared with a value', "addresses eq 'x'", "'x'", 13, FIELDS],
  ['type mismatch: array field ordered against null', 'addresses gt null', 'gt', 10, FIELDS],
  ['too deep (parentheses)', deepParens, '(', 64],
  ['too deep (not)', deepNots, 'not', 256],
  ['too long', tooLong, "xxxxxx'", MAX_TEXT_LENGTH],
];

describe('parseFilter rejects malformed input, naming the token and its position', () => {
  it.each(cases)('%s', (_name, text, token, position, fields) => {
    const e = odataError(() => parseFilter(text, fields));
    expect({ token: e.token, position: e.position }).toEqual({ token, position });
    expect(e.name).toBe('ODataError');
    expect(e.message).toContain(`position ${position}`);
    if (token !== '') expect(e.message).toContain(token.startsWith("'") ? token : `'${token}'`);
  });

  it('formats the common case exactly', () => {
    expect(odataError(() => parseFilter("fullName foo 'x'")).message)
      .toBe("Unexpected token 'foo' at position 9: expected a comparison operator (eq, ne, gt, ge, lt, le)");
    expect(odataError(() => parseFilter('(a eq 1')).message).toBe("Unexpected end of input at position 7: expected ')'");
  });

  it('clips a huge offending token', () => {
    const e = odataError(() => parseFilter(`a eq '${'y'.repeat(3000)}`));
    expect(e.token.length).toBeLessThanOrEqual(65);
    expect(e.message.length).toBeLessThan(200);
  });

  it('accepts input of exactly the maximum length', () => {
    const text = `a eq '${'x'.repeat(MAX_TEXT_LENGTH - 7)}'`;
    expect(text.length).toBe(MAX_TEXT_LENGTH);
    expect(parseFilter(text)).not.toBeNull();
  });
});

describe('parseOrderBy rejects malformed input', () => {
  it.each<Case>([
    ['trailing comma', 'fullName,', '', 9],
    ['leading comma', ', fullName', ',', 0],
    ['bad direction', 'fullName up', 'up', 9],
    ['two directions', 'fullName asc desc', 'desc', 13],
    ['duplicate key', 'fullName, FullName desc', 'FullName', 10],
    ['duplicate key via canonical name', 'fullName, FULLNAME', 'FULLNAME', 10, FIELDS],
    ['unknown field', 'createdAt, nickname desc', 'nickname', 11, FIELDS],
    ['array field', 'addresses', 'addresses', 0, FIELDS],
    ['keyword as property', 'asc', 'asc', 0],
    ['a literal', "'x' asc", "'x'", 0],
  ])('%s', (_name, text, token, position, fields) => {
    const e = odataError(() => parseOrderBy(text, fields));
    expect({ token: e.token, position: e.position }).toEqual({ token, position });
    expect(e.message).toContain(`position ${position}`);
  });
});
