// The one value comparison shared by the filter evaluator and the $orderby comparator. Key-based
// paging ("next page = rows with key gt the last key seen") is only correct if `gt` and the sort
// order agree, so both must come from here.

// Also accepts the variants valibot's isoTimestamp() lets into records (a space instead of 'T',
// offsets as +02 or +0200), so every stored date-time has an instant.
const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:[Zz]| ?([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The instant (ms since epoch) of an ISO 8601 date or date-time, or undefined if `text` is not
 * one. Stricter than Date.parse on purpose: no calendar roll-over (2019-02-30 is rejected), and a
 * date-time without an offset is UTC rather than the machine's local time, so the sandbox and
 * every client agree. A date alone is midnight UTC. Sub-millisecond digits are truncated.
 */
export function isoInstant(text: string): number | undefined {
  const m = ISO_DATETIME.exec(text);
  if (!m) return undefined;
  const num = (i: number): number => Number(m[i] ?? '0');
  const [year, month, day, hour, minute, second] = [num(1), num(2), num(3), num(4), num(5), num(6)];
  if (month < 1 || month > 12) return undefined;
  const dim = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day < 1 || day > dim || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Number(((m[7] ?? '') + '000').slice(0, 3));
  let offsetMinutes = 0;
  if (m[8] !== undefined) {
    const oh = num(9);
    const om = num(10);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[8] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime() - offsetMinutes * 60_000;
}

/** null, undefined (a missing property) and NaN (not JSON, but possible in memory) all mean "no value". */
export function isNullish(v: unknown): v is null | undefined {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** Reads an own property only, so `constructor` or `__proto__` in a filter cannot reach the prototype. */
export function readProperty(record: Readonly<Record<string, unknown>>, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/**
 * Compares two non-null values of the same kind: -1, 0 or 1, or undefined when they are not
 * comparable (either is null/missing, or their types differ).
 * - strings: case-insensitive, by the UTF-16 code units of toLowerCase() (ordinal, not locale,
 *   so every machine sorts alike);
 * - numbers numerically; booleans false < true;
 * - asDatetime: both must be ISO date-time strings (see isoInstant) and their instants compare.
 */
export function compareValues(a: unknown, b: unknown, asDatetime = false): number | undefined {
  if (isNullish(a) || isNullish(b)) return undefined;
  if (asDatetime) {
    if (typeof a !== 'string' || typeof b !== 'string') return undefined;
    const ia = isoInstant(a);
    const ib = isoInstant(b);
    return ia === undefined || ib === undefined ? undefined : sign(ia - ib);
  }
  if (typeof a === 'string' && typeof b === 'string') {
    const la = a.toLowerCase();
    const lb = b.toLowerCase();
    return la < lb ? -1 : la > lb ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

// Ranks only give mixed-type columns a deterministic total order; they never affect filters.
function rank(v: unknown, asDatetime: boolean): number {
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return asDatetime && isoInstant(v) !== undefined ? 3 : 4;
  return 5;
}

/**
 * A total order for sorting, ascending: nulls (and missing values) first, then compareValues for
 * values of one kind, then by kind (boolean < number < [date-time] < string < array/object).
 * For two non-null values of one kind it equals compareValues, which is what the filters use.
 */
export function compareForSort(a: unknown, b: unknown, asDatetime = false): number {
  const na = isNullish(a);
  const nb = isNullish(b);
  if (na || nb) return na === nb ? 0 : na ? -1 : 1;
  const c = compareValues(a, b, asDatetime);
  if (c !== undefined) return c;
  const ra = rank(a, asDatetime);
  const rb = rank(b, asDatetime);
  if (ra !== rb) return ra - rb;
  // Same rank yet incomparable: strings that are not date-times in a date-time column, or two
  // arrays/objects (left equal, so the tie-breaker decides).
  return ra === 4 ? (compareValues(a, b, false) ?? 0) : 0;
}
