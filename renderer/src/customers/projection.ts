import { isoInstant, type FieldType, type FieldTypes } from '../../../shared/odata';
import { cityOf } from '../cache/customer-index';
import type { CachedCustomer } from '../cache/records';
import { customerFieldTypes, toRow, type CustomerRow } from './list-fields';
import { initialsOf } from './search-words';

/*
 * A compact, column-oriented copy of the list-relevant part of every cached customer, held in
 * memory so that an arbitrary $filter, a search and a sort over 100,000 customers cost a few
 * milliseconds instead of a read of 100,000 records from IndexedDB per keystroke.
 *
 * Compact on purpose (the renderer's heap budget is 150 MB with 100,000 customers):
 * - string values are stored LOWER-CASED: every comparison of the filter language and of the
 *   list's sort is case-insensitive;
 * - what a list row SHOWS is kept as well (`rows`, about 20 MB at 100,000), so a page is
 *   answered from memory: reading its 100 records back from IndexedDB (100 requests) cost more
 *   than finding them, and varied with whatever else IndexedDB was doing (`npm run bench`,
 *   offline-query: the reads were most of every query's time and all of its p95);
 * - repeated values (culture, currency, channel, city, first names…) share one string;
 * - numbers and booleans live in typed arrays (NaN / -1 mean null), never as boxed values;
 * - arrays (addresses, links) are kept only as "present or null", all the language can test.
 */

const INTERN_LIMIT = 4096;

/** A record's search terms as one string to test words against: `\n` + the terms joined by `\n` (search-words.ts, matchesWords). */
export function searchBlobOf(terms: readonly string[]): string {
  return terms.length ? `\n${terms.join('\n')}` : '';
}

export class StringColumn {
  readonly kind = 'string';
  values: (string | null)[] = [];
  private intern: Map<string, string> | undefined = new Map();
  /** Instants of the values, computed the first time a date-time is compared (NaN: none). */
  private instantCache: Float64Array | undefined;

  constructor(readonly datetime: boolean) {}

  set(row: number, raw: unknown): void {
    let value: string | null = null;
    if (typeof raw === 'string') {
      value = raw.toLowerCase();
      // Interning pays off only for low-cardinality columns; a column that keeps producing
      // new values (GUIDs, e-mail addresses) stops trying and frees its table.
      if (this.intern) {
        const shared = this.intern.get(value);
        if (shared !== undefined) value = shared;
        else if (this.intern.size < INTERN_LIMIT) this.intern.set(value, value);
        else this.intern = undefined;
      }
    }
    this.values[row] = value;
    if (this.instantCache && row < this.instantCache.length) this.instantCache[row] = instantOf(value);
    else this.instantCache = undefined;
  }

  instants(): Float64Array {
    if (!this.instantCache) {
      const cache = new Float64Array(this.values.length);
      for (let i = 0; i < cache.length; i++) cache[i] = instantOf(this.values[i] ?? null);
      this.instantCache = cache;
    }
    return this.instantCache;
  }
}

function instantOf(value: string | null): number {
  return value === null ? Number.NaN : (isoInstant(value) ?? Number.NaN);
}

/** A typed array that grows by doubling. */
abstract class TypedColumn<A extends Float64Array | Int8Array | Uint8Array> {
  values: A;
  constructor(protected readonly make: (n: number) => A, protected readonly empty: number) {
    this.values = make(1024);
    this.values.fill(empty);
  }
  protected ensure(row: number): void {
    if (row < this.values.length) return;
    let size = this.values.length;
    while (size <= row) size *= 2;
    const next = this.make(size);
    next.fill(this.empty);
    next.set(this.values);
    this.values = next;
  }
}

export class NumberColumn extends TypedColumn<Float64Array> {
  readonly kind = 'number';
  constructor() {
    super((n) => new Float64Array(n), Number.NaN);
  }
  set(row: number, raw: unknown): void {
    this.ensure(row);
    this.values[row] = typeof raw === 'number' ? raw : Number.NaN;
  }
}

export class BooleanColumn extends TypedColumn<Int8Array> {
  readonly kind = 'boolean';
  constructor() {
    super((n) => new Int8Array(n), -1);
  }
  set(row: number, raw: unknown): void {
    this.ensure(row);
    this.values[row] = typeof raw === 'boolean' ? Number(raw) : -1;
  }
}

/** Arrays and objects: the filter language can only ask whether they are null. */
export class PresenceColumn extends TypedColumn<Uint8Array> {
  readonly kind = 'other';
  constructor() {
    super((n) => new Uint8Array(n), 0);
  }
  set(row: number, raw: unknown): void {
    this.ensure(row);
    this.values[row] = raw === null || raw === undefined ? 0 : 1;
  }
}

export type Column = StringColumn | NumberColumn | BooleanColumn | PresenceColumn;

function columnFor(type: FieldType): Column {
  switch (type) {
    case 'string': return new StringColumn(false);
    case 'datetime': return new StringColumn(true);
    case 'number': return new NumberColumn();
    case 'boolean': return new BooleanColumn();
    case 'other': return new PresenceColumn();
  }
}

export class CustomerProjection {
  /** Primary keys as stored (the GUID's own spelling), by row. */
  readonly guids: (string | null)[] = [];
  /** Row of a primary key. Rows of removed customers are not reused until the next full load. */
  private readonly rowOf = new Map<string, number>();
  alive = new Uint8Array(1024);
  liveCount = 0;
  /** `\n` + the record's search terms joined by `\n`: a prefix match of a word is one includes(). */
  readonly search: (string | null)[] = [];
  /** The initials of the record's search terms (search-words.ts): a bit test before the includes(). */
  initials = new Uint32Array(1024);
  /** The default address's city, lower-cased: the list's city column (the record's sortCity). */
  readonly city = new StringColumn(false);
  /** What each row of the list shows (never handed out: list-query copies it). */
  readonly rows: (CustomerRow | null)[] = [];
  private readonly shownCities = new Map<string, string>();
  readonly columns = new Map<string, Column>();
  /** Bumped on every change: caches of sorts and matches are keyed by it. */
  version = 0;

  constructor(readonly fields: FieldTypes = customerFieldTypes) {
    for (const [name, type] of Object.entries(fields)) this.columns.set(name, columnFor(type));
  }

  get rowCount(): number {
    return this.guids.length;
  }

  rowOfKey(key: string): number | undefined {
    return this.rowOf.get(key);
  }

  upsert(record: CachedCustomer): void {
    const key = record.customerGuid;
    let row = this.rowOf.get(key);
    if (row === undefined) {
      row = this.guids.length;
      this.guids.push(key);
      this.rowOf.set(key, row);
      if (row >= this.alive.length) {
        const next = new Uint8Array(this.alive.length * 2);
        next.set(this.alive);
        this.alive = next;
        const initials = new Uint32Array(this.alive.length);
        initials.set(this.initials);
        this.initials = initials;
      }
    }
    if (!this.alive[row]) {
      this.alive[row] = 1;
      this.liveCount++;
    }
    const fields = record as unknown as Record<string, unknown>;
    for (const [name, column] of this.columns) column.set(row, Object.hasOwn(fields, name) ? fields[name] : undefined);
    this.search[row] = searchBlobOf(record.searchTerms);
    this.initials[row] = initialsOf(record.searchTerms);
    this.city.set(row, record.sortCity ?? cityOf(record));
    const shown = toRow(record);
    // Cities repeat: one string each (the same limit as the columns' interning).
    const city = this.shownCities.get(shown.city);
    if (city !== undefined) shown.city = city;
    else if (this.shownCities.size < INTERN_LIMIT) this.shownCities.set(shown.city, shown.city);
    this.rows[row] = shown;
    this.version++;
  }

  remove(key: string): void {
    const row = this.rowOf.get(key);
    if (row === undefined || !this.alive[row]) return;
    this.alive[row] = 0;
    this.liveCount--;
    this.search[row] = null;
    this.rows[row] = null;
    this.initials[row] = 0;
    for (const column of this.columns.values()) column.set(row, null);
    this.version++;
  }

  string(name: string): StringColumn | undefined {
    const column = this.columns.get(name);
    return column instanceof StringColumn ? column : undefined;
  }
}
