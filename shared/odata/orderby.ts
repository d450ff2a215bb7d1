import { isValidPropertyName, type FieldTypes, type OrderByKey, type SortDirection } from './ast';
import { compareForSort, readProperty } from './compare';
import { ODataError } from './errors';
import { tokenize } from './lexer';
import { resolveProperty } from './parser';

/**
 * Parses `$orderby`: comma-separated `property [asc|desc]`, names and directions
 * case-insensitive, empty text -> []. With `fields`, names resolve to their canonical spelling,
 * keys carry the field's type (so date-times sort by instant), and array/object fields are
 * rejected. A property listed twice is an error. Throws ODataError.
 */
export function parseOrderBy(text: string, fields?: FieldTypes): OrderByKey[] {
  const tokens = tokenize(text);
  const keys: OrderByKey[] = [];
  if (tokens.length === 1) return keys;
  const seen = new Set<string>();
  let i = 0;
  const next = () => tokens[Math.min(i++, tokens.length - 1)]!;
  for (;;) {
    const propTok = next();
    const { name, type } = resolveProperty(propTok, fields);
    if (type === 'other') {
      throw new ODataError(
        `Cannot order by '${propTok.text}' at position ${propTok.position}: it is an array/object property`,
        propTok.text, propTok.position);
    }
    // Case-insensitive even without field types: the API matches names case-insensitively.
    if (seen.has(name.toLowerCase())) {
      throw new ODataError(`Duplicate property '${propTok.text}' at position ${propTok.position}`, propTok.text, propTok.position);
    }
    seen.add(name.toLowerCase());
    let tok = next();
    let direction: SortDirection = 'asc';
    const word = tok.text.toLowerCase();
    const hasDirection = tok.kind === 'ident' && (word === 'asc' || word === 'desc');
    if (hasDirection) {
      direction = word as SortDirection;
      tok = next();
    }
    keys.push(type === undefined ? { property: name, direction } : { property: name, direction, type });
    if (tok.kind === 'eof') return keys;
    if (tok.kind !== ',') {
      throw ODataError.unexpected(tok.text, tok.position, hasDirection ? "',' or end of input" : "'asc', 'desc', ',' or end of input");
    }
  }
}

/** Canonical `$orderby` text, always with an explicit direction. */
export function serializeOrderBy(keys: readonly OrderByKey[]): string {
  return keys.map((k) => {
    if (!isValidPropertyName(k.property)) throw new RangeError(`Not a valid OData property name: ${JSON.stringify(k.property)}`);
    return `${k.property} ${k.direction}`;
  }).join(', ');
}

/**
 * A record comparator for Array.prototype.sort. Values compare as in the filter evaluator
 * (compare.ts), so for two non-null values of one type `a` sorts after `b` exactly when
 * `p gt b` matches `a` — key-based paging depends on that. Nulls and missing values sort first
 * ascending, last descending. `tieBreaker` (e.g. the GUID) is appended ascending, unless already
 * a key, so that pages are deterministic.
 */
export function compareBy(
  keys: readonly OrderByKey[],
  tieBreaker?: string,
): (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) => number {
  const all: readonly OrderByKey[] = tieBreaker !== undefined && !keys.some((k) => k.property === tieBreaker)
    ? [...keys, { property: tieBreaker, direction: 'asc' }]
    : keys;
  return (a, b) => {
    for (const key of all) {
      const c = compareForSort(readProperty(a, key.property), readProperty(b, key.property), key.type === 'datetime');
      if (c !== 0) return key.direction === 'desc' ? -c : c;
    }
    return 0;
  };
}
