import type { Page } from 'playwright-core';
import { hrefOf } from '../../renderer/src/app/routes';
import { demoProfile } from '../../shared/profiles';
import type { BridgedPage } from '../support/browser-page';
import { appPage } from './env';
import { median, percentile, progress, type Measurement } from './report';
import type { Bench } from './bench';

/*
 * The real built UI (out/renderer, as app.html) with the real bridge, on a cache the bench page
 * seeded on the same origin. The main process's network is down (the Demo profile points at a
 * port nothing listens on): the app starts as in the field without a network, its start-up sync
 * fails at once, and what is measured is the app and its cache alone.
 *
 * startup: navigation start → the first customer rows on screen (the frame after they entered
 * the DOM), 100,000 customers cached, against the same start-up with 100 customers cached.
 * memory: the renderer's JS heap after scrolling the whole list, after garbage collection.
 */

interface StartupMarks {
  firstRows: number | null;
  painted: number | null;
}

declare global {
  interface Window {
    __benchStartup?: StartupMarks;
  }
}

/** Runs before the app's scripts on every document: notes when the first customer row appears. */
function startupProbe(pageName: string): void {
  if (!location.pathname.endsWith(`/${pageName}`)) return;
  const marks: StartupMarks = { firstRows: null, painted: null };
  Object.defineProperty(window, '__benchStartup', { value: marks });
  const observer = new MutationObserver(() => {
    if (marks.firstRows !== null || !document.querySelector('.row.customer')) return;
    marks.firstRows = performance.now();
    observer.disconnect();
    // The frame that shows them: after the next animation frame has been produced.
    requestAnimationFrame(() => setTimeout(() => (marks.painted = performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true });
}

interface Span {
  what: string;
  start: number;
  end: number | null;
}

declare global {
  interface Window {
    __benchSpans?: Span[];
  }
}

/**
 * With `--profile startup`: notes every IndexedDB request of the app's start (what it waited
 * for, from when to when), to read next to the CPU profile.
 */
function startupTimeline(pageName: string): void {
  if (!location.pathname.endsWith(`/${pageName}`)) return;
  const spans: Span[] = [];
  Object.defineProperty(window, '__benchSpans', { value: spans });
  const wrap = (proto: object, names: string[], label: string): void => {
    for (const name of names) {
      const original = (proto as Record<string, unknown>)[name];
      if (typeof original !== 'function') continue;
      (proto as Record<string, unknown>)[name] = function (this: { name?: string }, ...args: unknown[]) {
        const span: Span = { what: `${label}.${name} ${this.name ?? ''}`, start: performance.now(), end: null };
        spans.push(span);
        const request = (original as (...a: unknown[]) => unknown).apply(this, args);
        if (request instanceof IDBRequest) {
          const done = () => (span.end ??= performance.now());
          request.addEventListener('success', done);
          request.addEventListener('error', done);
        } else {
          span.end = span.start;
        }
        return request;
      };
    }
  };
  const reads = ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor', 'put', 'add', 'delete'];
  wrap(IDBObjectStore.prototype, reads, 'store');
  wrap(IDBIndex.prototype, reads, 'index');
  wrap(IDBFactory.prototype, ['open'], 'idb');
}

export interface UiPage {
  readonly app: BridgedPage;
  readonly customers: number;
  loads: number;
}

export async function prepareUi(app: BridgedPage, customers: number, timeline = false): Promise<UiPage> {
  await app.page.addInitScript(startupProbe, appPage);
  if (timeline) await app.page.addInitScript(startupTimeline, appPage);
  return { app, customers, loads: 0 };
}

interface StartupTiming {
  /** performance.now() at the frame after the first rows, i.e. ms since navigation start. */
  rows: number;
  fcp: number | null;
  domContentLoaded: number;
}

/** A full navigation to the app (a new document each time) until the first rows are on screen. */
async function loadApp(ui: UiPage): Promise<StartupTiming> {
  const { page, url } = ui.app;
  const appUrl = `${url.replace(/index\.html$/u, appPage)}?load=${++ui.loads}${hrefOf({ name: 'customers' })}`;
  // Only the front page of a browser gets animation frames at full rate.
  await page.bringToFront();
  await page.goto(appUrl, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__benchStartup?.painted != null, undefined, { timeout: 60_000, polling: 50 });
  return page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return { rows: window.__benchStartup!.painted!, fcp, domContentLoaded: nav?.domContentLoadedEventEnd ?? 0 };
  });
}

const settle = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Waits until the app has kept the list's first page for the next start (customers/list-head.ts),
 * as every run does once its list index has loaded: the state every start but the very first
 * after a download finds.
 */
async function waitForKeptHead(ui: UiPage): Promise<void> {
  const kept = (): Promise<boolean> => ui.app.page.evaluate(async (database) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const request = indexedDB.open(database);
      request.onsuccess = () => ok(request.result);
      request.onerror = () => fail(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('meta')) return false;
      const kept = await new Promise((ok, fail) => {
        const request = db.transaction('meta').objectStore('meta').get('list.head');
        request.onsuccess = () => ok(request.result);
        request.onerror = () => fail(request.error);
      });
      return kept !== undefined;
    } finally {
      db.close();
    }
  }, `fieldbook-${demoProfile.id}`);
  const until = Date.now() + 120_000;
  while (!(await kept())) {
    if (Date.now() > until) throw new Error('the app did not keep the list\'s first page within 2 minutes');
    await settle(250);
  }
}

export async function startup(bench: Bench, big: UiPage, small: UiPage): Promise<Measurement[]> {
  const rounds = bench.quick ? 2 : 6;
  // One load of each first: compiles and caches the bundle, and keeps the list's first page, as
  // every start of the app but the very first.
  await loadApp(big);
  await waitForKeptHead(big);
  await loadApp(small);
  await waitForKeptHead(small);
  const bigLoads: StartupTiming[] = [];
  const smallLoads: StartupTiming[] = [];
  for (let round = 0; round < rounds; round++) {
    const profiler = round === rounds - 1 ? await bench.profile('startup', big.app.page) : null;
    const b = await loadApp(big);
    if (profiler) {
      await profiler.stop();
      const spans = await big.app.page.evaluate(() => window.__benchSpans ?? []);
      // Requests issued together (a bulkGet's hundred gets) are shown once, with their number.
      const seen = new Map<string, number>();
      for (const span of spans) seen.set(`${span.start.toFixed(0)} ${span.what}`, (seen.get(`${span.start.toFixed(0)} ${span.what}`) ?? 0) + 1);
      for (const span of spans.filter((x) => x.start < b.rows)) {
        const key = `${span.start.toFixed(0)} ${span.what}`;
        const times = seen.get(key);
        if (times === undefined) continue;
        seen.delete(key);
        progress(`  ${span.start.toFixed(0).padStart(5)} → ${(span.end ?? Number.NaN).toFixed(0).padStart(5)} ms  ${span.what}${times > 1 ? ` ×${times}` : ''}`);
      }
    }
    bigLoads.push(b);
    // Let the background work of that start (the list index's load) finish before the next.
    await settle(1_500);
    const s = await loadApp(small);
    smallLoads.push(s);
    await settle(500);
    progress(`startup: ${big.customers} cached: rows at ${Math.round(b.rows)} ms (FCP ${Math.round(b.fcp ?? 0)}, DCL ${Math.round(b.domContentLoaded)}); ` +
      `${small.customers} cached: ${Math.round(s.rows)} ms`);
  }
  const rows = bigLoads.map((l) => l.rows);
  progress(`startup: ${big.customers} cached: p50 ${Math.round(median(rows))} ms, max ${Math.round(Math.max(...rows))} ms`);
  return [bench.measure('startup', median(rows), 'ms', median(smallLoads.map((l) => l.rows)), { max: 1_000 })];
}

interface ScrollReport {
  steps: number;
  ms: number;
  lastRow: number;
}

/** Scrolls the list from top to bottom a page (100 rows) at a time, each step until no row is a skeleton. */
async function scrollWholeList(page: Page): Promise<ScrollReport> {
  return page.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('.scroller');
    if (!scroller) throw new Error('no customer list on screen');
    const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));
    const began = performance.now();
    let steps = 0;
    for (let top = 0; ; top += 100 * 48) {
      scroller.scrollTop = top;
      await frame();
      const waitFrom = performance.now();
      while (scroller.querySelector('.skeleton-row') || !scroller.querySelector('.row.customer')) {
        if (performance.now() - waitFrom > 15_000) throw new Error(`rows did not arrive at scrollTop ${top}`);
        await frame();
      }
      steps++;
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
    }
    const rows = [...scroller.querySelectorAll('.row.customer')].map((r) => Number(r.getAttribute('aria-rowindex')));
    return { steps, ms: performance.now() - began, lastRow: Math.max(...rows) - 1 };
  });
}

/** JSHeapUsedSize after two forced full collections (CDP), in MB. */
async function heapAfterGc(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    await settle(200);
    await session.send('HeapProfiler.collectGarbage');
    await session.send('Performance.enable');
    const { metrics } = await session.send('Performance.getMetrics');
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    return used / 2 ** 20;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

async function scrolledHeap(bench: Bench, ui: UiPage): Promise<number> {
  await loadApp(ui);
  // The list index loads behind the first rows; let it finish so "before" is the resting app.
  await settle(3_000);
  const before = await heapAfterGc(ui.app.page);
  await ui.app.page.bringToFront();
  const profiler = ui.customers > 1_000 ? await bench.profile('memory', ui.app.page) : null;
  const scroll = await scrollWholeList(ui.app.page);
  await profiler?.stop();
  const after = await heapAfterGc(ui.app.page);
  progress(`memory: ${ui.customers} cached: heap ${before.toFixed(1)} MB at rest, ${after.toFixed(1)} MB after scrolling to row ${scroll.lastRow} ` +
    `in ${scroll.steps} steps (${Math.round(scroll.ms)} ms, ${percentile([scroll.ms / scroll.steps], 50).toFixed(1)} ms a step)`);
  if (scroll.lastRow !== ui.customers) throw new Error(`the scroll ended at row ${scroll.lastRow} of ${ui.customers}`);
  return after;
}

export async function memory(bench: Bench, big: UiPage, small: UiPage): Promise<Measurement[]> {
  const baseline = await scrolledHeap(bench, small);
  const value = await scrolledHeap(bench, big);
  return [bench.measure('memory', value, 'MB', baseline, { max: 150 })];
}
