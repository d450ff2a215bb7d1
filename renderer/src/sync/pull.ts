import { fieldTypesOf, maxTop, routes, type CustomersApi } from '../../../shared/api';
import { compareValues, parseFilter, serializeFilter, type FilterNode } from '../../../shared/odata';
import type { FieldbookDb } from '../cache/db';
import { raceAbort } from './abort';
import { customerStoreTables, storeServerCustomers } from './customer-store';
import { keyProperty, pageFilter } from './key-ranges';
import { drainQueue } from './pool';
import { beginPass, finishPass, saveRange, type RangeState } from './pull-pass';
import { sweepUnseen } from './pull-sweep';

/*
 * The pull: the list fields of every customer in the profile's scope, paged by key range (see
 * key-ranges.ts), one Dexie transaction per page, resumable (pull-pass.ts), ending with the
 * removal of what the server no longer has (pull-sweep.ts), but only after a pass in which
 * every range finished without error.
 */

export interface PullOptions {
  /** OData filter text over customers; '' pulls every customer. */
  scope: string;
  signal?: AbortSignal | undefined;
  /** Rows stored so far in this pass, of the expected total; `done` never decreases. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Key ranges fetched side by side (default 4). */
  concurrency?: number | undefined;
  /** Rows per request (default and maximum 100). */
  pageSize?: number | undefined;
  now?: (() => Date) | undefined;
}

export interface PullReport {
  passId: number;
  /** Continued a pass an earlier call left unfinished. */
  resumed: boolean;
  /** Requests and rows of this call (a resumed pass's earlier pages are not counted). */
  pages: number;
  received: number;
  /** Customers the pass stored, over all its calls. */
  stored: number;
  removed: number;
  confirmed: number;
}

const customerFields = fieldTypesOf(routes.listCustomers.result);

/** The scope as an AST with canonical names; throws ODataError for text the API would refuse. */
export function parseScope(scope: string): FilterNode | null {
  return parseFilter(scope, customerFields);
}

/** Progress over all ranges; reported once every unfinished range has told its total. */
class PassProgress {
  private readonly fetched: number[];
  private readonly totals: (number | null)[];
  private last = '';

  constructor(ranges: readonly RangeState[], private readonly report: PullOptions['onProgress']) {
    this.fetched = ranges.map((r) => r.fetched);
    this.totals = ranges.map((r) => (r.done ? r.fetched : null));
  }

  page(index: number, remaining: number, count: number, done: boolean): void {
    const before = this.fetched[index] ?? 0;
    const fetched = before + count;
    this.fetched[index] = fetched;
    // The range's first page this call fixes its total; later inserts can only raise it, and a
    // finished range's total is exactly what it stored, so the last report is done === total.
    const total = this.totals[index] ?? before + remaining;
    this.totals[index] = done ? fetched : Math.max(total, fetched);
    this.emit();
  }

  emit(): void {
    if (!this.report || this.totals.some((t) => t === null)) return;
    const sum = (values: readonly (number | null)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
    const done = sum(this.fetched);
    const total = sum(this.totals);
    if (`${done}/${total}` === this.last) return;
    this.last = `${done}/${total}`;
    this.report(done, total);
  }

  get stored(): number {
    return this.fetched.reduce((a, b) => a + b, 0);
  }
}

export async function pullCustomers(db: FieldbookDb, api: CustomersApi, options: PullOptions): Promise<PullReport> {
  const { signal } = options;
  const scope = parseScope(options.scope);
  const now = (): string => (options.now?.() ?? new Date()).toISOString();
  const pageSize = Math.min(maxTop, Math.max(1, options.pageSize ?? maxTop));
  signal?.throwIfAborted();

  const { pass, resumed } = await beginPass(db, serializeFilter(scope), now());
  const progress = new PassProgress(pass.ranges, options.onProgress);
  const report: PullReport = { passId: pass.passId, resumed, pages: 0, received: 0, stored: 0, removed: 0, confirmed: 0 };
  const unfinished = pass.ranges.flatMap((range, index) => (range.done ? [] : [index]));

  await drainQueue(unfinished, options.concurrency ?? 4, async (index) => {
    signal?.throwIfAborted();
    const range = pass.ranges[index] as RangeState;
    const filter = pageFilter(scope, index, range.cursor);
    const page = await raceAbort(api.call('listCustomers', {}, undefined, { filter, orderby: keyProperty, top: pageSize }), signal);
    signal?.throwIfAborted();
    const cursor = page.value.at(-1)?.customerGuid ?? range.cursor;
    // A server that ignored the key filter would hand back the same page forever.
    if (cursor !== null && range.cursor !== null && page.value.length > 0 && (compareValues(cursor, range.cursor) ?? 0) <= 0) {
      throw new Error(`The server did not page customers by key (range ${index} stuck at ${range.cursor})`);
    }
    const next: RangeState = {
      cursor,
      fetched: range.fetched + page.value.length,
      done: page.value.length < pageSize || page.count >= page.total,
    };
    await db.transaction('rw', [...customerStoreTables(db), db.meta], async () => {
      await storeServerCustomers(db, page.value, { fetchedAt: now(), passId: pass.passId, keyOrdered: true });
      await saveRange(db, pass.passId, index, next);
    });
    pass.ranges[index] = next;
    report.pages++;
    report.received += page.value.length;
    progress.page(index, page.total, page.value.length, next.done);
    return next.done ? undefined : index;
  });

  progress.emit();
  const sweep = await sweepUnseen(db, api, { passId: pass.passId, scope, fetchedAt: now(), signal });
  await finishPass(db, pass.passId, now());
  return { ...report, stored: progress.stored, removed: sweep.removed, confirmed: sweep.confirmed };
}
