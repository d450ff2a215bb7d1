import type { FilterNode, Literal } from './ast';
import { compareValues, isNullish, readProperty } from './compare';

/*
 * THE filter semantics: the sandbox server and the offline cache both evaluate with this, so a
 * filter selects the same rows online and offline. Two-valued logic (no SQL "unknown"):
 * - A missing property, null, undefined (and NaN) are all null.
 * - `p eq null` is true iff p is null; `p ne null` iff it is not. Any other operator with a null
 *   literal is false. Against a null p, `ne <value>` is true (null ne 'a') and every other
 *   operator is false. `not` simply negates, so `not (p gt 5)` is true when p is null.
 * - Strings compare case-insensitively: toLowerCase() values by UTF-16 code units (ordinal, not
 *   locale), for eq/ne as well as gt/ge/lt/le. contains/startswith/endswith are case-insensitive
 *   too, and false when p is null or not a string.
 * - Numbers compare numerically, booleans false < true.
 * - A datetime literal compares instants: p must be an ISO date-time string (see isoInstant);
 *   a date alone is midnight UTC, no offset means UTC. (parseFilter with field types turns a
 *   quoted date-time against a datetime field into a datetime literal, so that compares instants
 *   too.) A string literal against a date-time string compares text, case-insensitively.
 * - When p's runtime type does not match the literal (e.g. a number against 'abc'), the values
 *   are unequal: `ne` is true, everything else false.
 */
function literalValue(lit: Exclude<Literal, { kind: 'null' }>): string | number | boolean {
  return lit.value;
}

function evaluateCompare(node: Extract<FilterNode, { type: 'compare' }>, value: unknown): boolean {
  const lit = node.value;
  if (lit.kind === 'null') {
    if (node.op === 'eq') return isNullish(value);
    if (node.op === 'ne') return !isNullish(value);
    return false;
  }
  if (isNullish(value)) return node.op === 'ne';
  const c = compareValues(value, literalValue(lit), lit.kind === 'datetime');
  if (c === undefined) return node.op === 'ne';
  switch (node.op) {
    case 'eq': return c === 0;
    case 'ne': return c !== 0;
    case 'gt': return c > 0;
    case 'ge': return c >= 0;
    case 'lt': return c < 0;
    case 'le': return c <= 0;
  }
}

/** True when `record` matches `node`; a null filter (no filter) matches everything. */
export function evaluateFilter(node: FilterNode | null, record: Readonly<Record<string, unknown>>): boolean {
  if (node === null) return true;
  switch (node.type) {
    case 'and': return evaluateFilter(node.left, record) && evaluateFilter(node.right, record);
    case 'or': return evaluateFilter(node.left, record) || evaluateFilter(node.right, record);
    case 'not': return !evaluateFilter(node.operand, record);
    case 'compare': return evaluateCompare(node, readProperty(record, node.property));
    case 'function': {
      const value = readProperty(record, node.property);
      if (typeof value !== 'string') return false;
      const haystack = value.toLowerCase();
      const needle = node.value.value.toLowerCase();
      if (node.name === 'contains') return haystack.includes(needle);
      if (node.name === 'startswith') return haystack.startsWith(needle);
      return haystack.endsWith(needle);
    }
  }
}
