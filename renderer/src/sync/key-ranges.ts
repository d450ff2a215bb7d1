import { and, ge, gt, lt, serializeFilter, type FilterNode } from '../../../shared/odata';

/*
 * A pull pages BY KEY, never by offset: with `$skip`, a customer inserted or deleted on the
 * server during a pass shifts every later page, so rows are skipped or repeated. With
 * "customerGuid gt <last seen>" a page starts exactly after the last row stored, whatever
 * changed before it. The key space is split into 16 ranges by the first hex digit so ranges
 * can be fetched side by side and a resumed pass restarts each from its own cursor.
 *
 * GUID comparisons are case-insensitive in the shared evaluator (and must be on a real
 * tenant), so 'A1…' falls in the 'a' range. The first range is open below and the last open
 * above, so a key of any spelling falls in exactly one range.
 */

const hexDigits = '0123456789abcdef';
export const keyRangeCount = hexDigits.length;
export const keyProperty = 'customerGuid';

/** The filter of range `index` (0 … 15). */
export function keyRange(index: number): FilterNode {
  const low = index === 0 ? null : ge(keyProperty, hexDigits.charAt(index));
  const high = index === keyRangeCount - 1 ? null : lt(keyProperty, hexDigits.charAt(index + 1));
  const range = and(low, high);
  if (!range) throw new RangeError(`No key range ${index}`);
  return range;
}

/** `(scope) and <range> and customerGuid gt '<cursor>'`, built from the AST, never by concatenation. */
export function pageFilter(scope: FilterNode | null, index: number, cursor: string | null): string {
  return serializeFilter(and(scope, keyRange(index), cursor === null ? null : gt(keyProperty, cursor)));
}
