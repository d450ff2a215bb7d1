import { untrack } from 'svelte';
import { and, ODataError, parseFilter, serializeFilter, type FilterNode } from '../../../shared/odata';
import type { FieldbookDb } from '../cache/db';
import { noBadges, watchBadges, type CustomerBadges } from './badges';
import { builderNode, type FilterCondition } from './filter-builder';
import { customerFieldTypes, defaultSort, type CustomerRow, type ListSort } from './list-fields';
import {
  needsListIndex, onCustomersChanged, onListIndexState, previewSearch, queryCustomers, warmListIndex, type ListIndexState,
} from './list-query';

/*
 * The state behind the customer list screen: the query (search, filter, sort), the total, and
 * the pages of rows fetched so far. Only the pages around what is on screen are kept, so
 * scrolling through 100,000 customers holds a few hundred rows at a time. Answers to an older
 * query are dropped, and the last answer stays on screen until the new one arrives, so typing
 * never flashes the list. One model per cache, kept while the app runs: going to a customer
 * and back finds the search, the filter and the scroll position as they were.
 *
 * A search or a filter typed before the list index (list-query.ts) has loaded cannot be
 * answered yet: `waiting` says so (the page shows "Preparing search…" with the progress), the
 * query runs once the index is there (only the latest one: those typed over meanwhile are
 * never run), and meanwhile a preview (previewSearch: the customers whose name begins with
 * the first word) shows at once, marked `preview`, until the full answer replaces it.
 */

export const SEARCH_INPUT_ID = 'customer-search';
export const PAGE_SIZE = 100;
/** Pages kept around the visible ones; the rest are dropped. */
const KEEP_PAGES = 8;
/** Data changes (a pull writing pages) refresh the list at most this often. */
const CHANGE_THROTTLE_MS = 600;

export type RawFilterState = { ok: true; node: FilterNode | null } | { ok: false; error: ODataError };

export class CustomerListModel {
  search = $state('');
  conditions = $state<FilterCondition[]>([]);
  raw = $state('');
  sort = $state<ListSort>(defaultSort);
  filterOpen = $state(false);

  total = $state<number | null>(null);
  loadError = $state<string | null>(null);
  /** Bumped when pages change: rows are read through rowAt(), which depends on it. */
  version = $state(0);
  badges = $state<CustomerBadges>(noBadges);
  index = $state<ListIndexState>({ ready: false, loaded: 0, total: 0 });
  /** The rows on screen are a preview of the search (some of its matches), not its answer yet. */
  preview = $state(false);
  /** Where the list was scrolled to, restored when the screen comes back. */
  scrollTop = 0;
  activeIndex = 0;
  /** The query the list last showed, to tell "same screen again" from "new query". */
  lastQueryKey = '';

  /** The raw $filter box, parsed: an error keeps the last valid filter in force and is shown at its token. */
  readonly rawFilter: RawFilterState = $derived.by(() => {
    try {
      return { ok: true, node: parseFilter(this.raw, customerFieldTypes) };
    } catch (error) {
      if (error instanceof ODataError) return { ok: false, error };
      throw error;
    }
  });
  private lastValidRaw: FilterNode | null = null;

  readonly filter: FilterNode | null = $derived.by(() => {
    // While the box holds a half-typed filter, the last one that parsed stays in force.
    if (this.rawFilter.ok) this.lastValidRaw = this.rawFilter.node;
    return and(builderNode(this.conditions), this.lastValidRaw);
  });

  readonly activeConditions = $derived(this.conditions.filter((c) => c.value.trim() || ['empty', 'notEmpty', 'isTrue', 'isFalse'].includes(c.op)).length
    + (this.raw.trim() && this.rawFilter.ok ? 1 : 0));

  /** Changes whenever the answer would: the list re-queries on it. */
  readonly queryKey = $derived(`${this.search.trim()}\u0000${serializeFilter(this.filter)}\u0000${this.sort.column}:${this.sort.direction}`);

  /** The query needs the list index, which is still loading. */
  private readonly indexPending = $derived(!this.index.ready && this.loadError === null && needsListIndex(this.search, this.filter, this.sort));
  /** The answer on its way waited for the index (the index is there a moment before the answer is). */
  private answerWaits = $state(false);
  /** The query's answer waits for the list index ("Preparing search…"): what is on screen answers an earlier query, or is a preview. */
  readonly waiting = $derived(this.indexPending || this.answerWaits);

  private pages = new Map<number, CustomerRow[]>();
  private loading = new Set<number>();
  private generation = 0;
  /** No page is fetched before the first refresh(): the list asks for it as it mounts, and its first page once. */
  private started = false;
  private visible = { start: 0, end: 40 };
  private stops: (() => void)[] = [];

  constructor(private readonly db: FieldbookDb) {
    this.stops.push(
      watchBadges(db, (badges) => (this.badges = badges)),
      onListIndexState(db, (state) => (this.index = state)),
      onCustomersChanged(db, this.throttledRefresh()),
    );
  }

  rowAt(index: number): CustomerRow | undefined {
    void this.version;
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Runs the current query again from the first page; what is on screen stays until it answers. */
  refresh(): void {
    this.started = true;
    this.generation++;
    this.loading.clear();
    this.fetchPage(Math.floor(this.visible.start / PAGE_SIZE), true);
  }

  /** The rows on screen changed: fetch their pages, drop far ones. */
  show(start: number, end: number): void {
    this.visible = { start, end };
    if (!this.started) return;
    const first = Math.floor(start / PAGE_SIZE);
    const last = Math.floor(Math.max(start, end - 1) / PAGE_SIZE);
    for (let page = first; page <= last; page++) {
      if (!this.pages.has(page) && !this.loading.has(page)) this.fetchPage(page, false);
    }
    for (const page of this.pages.keys()) {
      if (page < first - KEEP_PAGES / 2 || page > last + KEEP_PAGES / 2) this.pages.delete(page);
    }
  }

  private fetchPage(page: number, replaceAll: boolean): void {
    const generation = this.generation;
    this.loading.add(page);
    // Called from the list's effects: what it reads here must not become their dependencies.
    const { options, waiting } = untrack(() => ({
      options: { search: this.search, filter: this.filter, sort: this.sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE },
      waiting: this.indexPending,
    }));
    if (replaceAll) this.answerWaits = waiting;
    if (waiting && replaceAll && page === 0) this.fetchPreview(generation, options);
    // Waiting for the index, a query typed over meanwhile is dropped before it runs, not after.
    const answer = waiting
      ? warmListIndex(this.db).then(() => (generation === this.generation ? queryCustomers(this.db, options) : null))
      : queryCustomers(this.db, options);
    answer.then(
      (result) => {
        if (!result || generation !== this.generation) return;
        this.loading.delete(page);
        if (replaceAll) this.pages = new Map();
        this.pages.set(page, result.rows);
        this.total = result.total;
        this.preview = false;
        if (replaceAll) this.answerWaits = false;
        this.loadError = null;
        this.version++;
        if (replaceAll) this.show(this.visible.start, this.visible.end);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.loading.delete(page);
        if (replaceAll) this.answerWaits = false;
        this.loadError = error instanceof Error ? error.message : String(error);
      },
    );
  }

  /** Shows a search's preview while its answer waits for the index (nothing if the answer came first, or the preview is empty). */
  private fetchPreview(generation: number, options: Parameters<typeof previewSearch>[1]): void {
    previewSearch(this.db, options).then(
      (rows) => {
        if (generation !== this.generation || !this.loading.has(0) || !rows?.length) return;
        this.pages = new Map([[0, rows]]);
        this.total = rows.length;
        this.preview = true;
        this.loadError = null;
        this.version++;
      },
      // A preview that cannot be read is just not shown: the answer follows.
      () => undefined,
    );
  }

  private throttledRefresh(): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        this.refresh();
      }, CHANGE_THROTTLE_MS);
    };
  }

  clearAll(): void {
    this.search = '';
    this.raw = '';
    this.conditions = [];
    this.lastValidRaw = null;
  }

  dispose(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}

const models = new WeakMap<FieldbookDb, CustomerListModel>();

/**
 * One model per database, outliving the customers page: it is created under its own effect
 * root, because effects created inside the first page that asked for it would die with that
 * page, and search, filter and sort would stop reacting after navigating away and back.
 */
export function listModelOf(db: FieldbookDb): CustomerListModel {
  let model = models.get(db);
  if (!model) {
    let created: CustomerListModel | undefined;
    $effect.root(() => {
      created = new CustomerListModel(db);
    });
    model = created as CustomerListModel;
    models.set(db, model);
  }
  return model;
}
