import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { createMainBridge, type MainBridge } from '../../electron/bridge';
import { bucketOf, writeStampKey } from '../../renderer/src/cache/customer-buckets';
import type { CachedCustomer } from '../../renderer/src/cache/records';
import type { Sandbox } from '../../electron/sandbox';
import type { ClientTuning } from '../../electron/session';
import { fakeSafeStorage, missingKeytar } from '../credentials/fake-safe-storage';
import { chromiumArgs, chromiumExecutable, installBridge } from './bridge-harness';

/*
 * Real renderer code in real Chromium, with the real bridge: an entry module is bundled by
 * vite's programmatic build() into a temporary folder next to a bare HTML page (no framework,
 * no library of ours in it), served over loopback HTTP on an ephemeral port, and opened in
 * Debian's Chromium with a fresh user-data directory (so IndexedDB survives page.reload()
 * within a run). `window.fieldbook` is the e2e harness's stand-in for the preload, wired to
 * the whole main-process side (createMainBridge: vault, profiles, session, bridge) whose Demo
 * profile points at the caller's sandbox. Only the transport differs from the app.
 *
 *   const bundle = await bundlePage(entry);
 *   const browser = await launchBrowser();
 *   const app = await openBridgedPage(browser, bundle, { sandbox, client: { fetch } });
 *   await app.page.evaluate(() => window.somethingTheEntryExposed());
 */

export interface PageBundle {
  /** The folder holding index.html and page.js. */
  readonly dir: string;
  /** Deletes the folder. */
  dispose(): Promise<void>;
}

const root = resolve(import.meta.dirname, '../..');

/** Bundles `entry` (a module path) into one ES module next to an index.html that loads it. */
export async function bundlePage(entry: string, options: { title?: string } = {}): Promise<PageBundle> {
  const dir = await mkdtemp(join(tmpdir(), 'fieldbook-page-'));
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: dir,
      emptyOutDir: false,
      minify: false,
      sourcemap: 'inline',
      target: 'es2022',
      reportCompressedSize: false,
      copyPublicDir: false,
      rollupOptions: {
        input: resolve(entry),
        output: { format: 'es', entryFileNames: 'page.js' },
      },
    },
  });
  const title = options.title ?? 'Fieldbook test page';
  // An empty icon: no favicon request (a 404 in the console) on every load.
  const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head>` +
    '<body><script type="module" src="./page.js"></script></body></html>';
  await writeFile(join(dir, 'index.html'), html);
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export interface StaticServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Serves a folder on 127.0.0.1 (ephemeral port); nothing outside it. */
export async function serveDir(dir: string): Promise<StaticServer> {
  const base = resolve(dir);
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(base, path === '/' ? 'index.html' : path);
    if (!file.startsWith(base)) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (bytes) => res.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(bytes),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    }),
  };
}

/**
 * The built renderer the browser suites load: out/renderer as `electron-vite build` (part of
 * `npm test`) leaves it, or FIELDBOOK_RENDERER_DIR, a private build for running suites while
 * another build of out/ is under way.
 */
export const builtRendererDir = process.env['FIELDBOOK_RENDERER_DIR'] ?? resolve(import.meta.dirname, '../../out/renderer');

/** Serves the built renderer (serveDir), or says how to build it. */
export async function serveBuiltRenderer(): Promise<StaticServer> {
  if (!existsSync(join(builtRendererDir, 'index.html'))) throw new Error(`${builtRendererDir} is missing: run \`npx electron-vite build\` first`);
  return serveDir(builtRendererDir);
}

/**
 * Puts rows into a database the app itself created (so the schema is the app's), with raw
 * IndexedDB in the page, in transactions of 1,000: how the screen suites start from a cache.
 * Rows given for `customers` are stored as the app stores them (cache/customer-buckets.ts): in
 * their buckets of `customerBuckets`, merged into what a bucket already holds, and the
 * customers' write stamp is renewed, as every write of customers renews it.
 */
export async function putRows(page: Page, database: string, rows: Record<string, unknown[]>): Promise<void> {
  for (const [store, all] of Object.entries(rows)) {
    if (store === 'customers') {
      await putCustomers(page, database, all as CachedCustomer[]);
      continue;
    }
    for (let i = 0; i < all.length; i += 1_000) {
      await page.evaluate(async ({ database, store, chunk }) => {
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          const request = indexedDB.open(database);
          request.onsuccess = () => ok(request.result);
          request.onerror = () => fail(request.error);
        });
        const tx = db.transaction(store, 'readwrite');
        for (const row of chunk) tx.objectStore(store).put(row);
        await new Promise((ok, fail) => {
          tx.oncomplete = ok;
          tx.onerror = () => fail(tx.error);
        });
        db.close();
      }, { database, store, chunk: all.slice(i, i + 1_000) });
    }
  }
}

/** Customers into their buckets, about 1,000 customers a transaction, each renewing the write stamp. */
async function putCustomers(page: Page, database: string, customers: readonly CachedCustomer[]): Promise<void> {
  const byBucket = new Map<string, CachedCustomer[]>();
  for (const customer of customers) {
    const key = bucketOf(customer.customerGuid);
    const bucket = byBucket.get(key);
    if (bucket) bucket.push(customer);
    else byBucket.set(key, [customer]);
  }
  const groups = [...byBucket];
  for (let i = 0; i < groups.length;) {
    const chunk: [string, CachedCustomer[]][] = [];
    for (let n = 0; i < groups.length && n < 1_000; i++) {
      chunk.push(groups[i]!);
      n += groups[i]![1].length;
    }
    const stamp = `test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    await page.evaluate(async ({ database, chunk, stamp, stampKey }) => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const request = indexedDB.open(database);
        request.onsuccess = () => ok(request.result);
        request.onerror = () => fail(request.error);
      });
      const tx = db.transaction('customerBuckets', 'readwrite');
      const buckets = tx.objectStore('customerBuckets');
      for (const [key, rows] of chunk) {
        const read = buckets.get(key);
        read.onsuccess = () => {
          const bucket = (read.result ?? { key, rows: {} }) as { key: string; rows: Record<string, { passId: number }>; oldestPass?: number };
          for (const row of rows) bucket.rows[row.customerGuid] = row;
          bucket.oldestPass = Math.min(...Object.values(bucket.rows).map((c) => c.passId));
          buckets.put(bucket);
        };
      }
      buckets.put({ key: stampKey, rows: {}, stamp });
      await new Promise((ok, fail) => {
        tx.oncomplete = ok;
        tx.onerror = () => fail(tx.error);
      });
      db.close();
    }, { database, chunk, stamp, stampKey: writeStampKey });
  }
}

export interface TestBrowser {
  /** A persistent context on a fresh user-data directory: storage outlives reloads and pages. */
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh user-data directory (removed on close). */
export async function launchBrowser(options: { args?: readonly string[] } = {}): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'fieldbook-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env['CHROMIUM_PATH'] ?? chromiumExecutable,
    args: [...chromiumArgs, ...(options.args ?? [])],
    headless: true,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface BridgedPageOptions {
  /** The API behind the bridge: the Demo profile is pointed at it (it is not closed with the page). */
  readonly sandbox: Sandbox;
  /** Tuning of the main process's API client: timeouts, retries, and `fetch` to watch or cut the network. */
  readonly client?: ClientTuning;
  /** Main's log lines (default: dropped). */
  readonly log?: (line: string) => void;
  /** Forwards the page's console output (default: errors only, to stderr). */
  readonly console?: (type: string, text: string) => void;
}

export interface BridgedPage {
  readonly page: Page;
  /** The page's address (the bundle's index.html on the static server). */
  readonly url: string;
  readonly main: MainBridge;
  /** Reloads the page (a renderer crash and restart: storage stays, in-memory state goes). */
  reload(): Promise<void>;
  /** Closes the page, the bridge's services and the static server (not the sandbox, not the browser). */
  close(): Promise<void>;
}

/**
 * Opens the bundle in a new page of `browser`, with `window.fieldbook` wired to a fresh
 * createMainBridge (own data folder, encrypted-file vault with a fake safeStorage) whose Demo
 * profile talks to `options.sandbox`.
 */
export async function openBridgedPage(browser: TestBrowser, bundle: PageBundle, options: BridgedPageOptions): Promise<BridgedPage> {
  const server = await serveDir(bundle.dir);
  const dataDir = await mkdtemp(join(tmpdir(), 'fieldbook-main-'));
  // The caller owns the sandbox: the session's shutdown must not close it.
  const shared: Sandbox = { ...options.sandbox, close: async () => undefined };
  const main = createMainBridge({
    dataDir,
    app: () => ({ version: '0.1.0', platform: 'linux', locale: 'en-GB' }),
    allowedOrigins: [server.origin],
    vault: { platform: 'linux', loadKeytar: missingKeytar, safeStorage: fakeSafeStorage() },
    session: {
      demo: { start: async () => shared },
      client: { timeoutMs: 10_000, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, sleep: async () => undefined, ...options.client },
      // No background probing of its own: the tests decide when the network is used.
      connectivity: { onlineIntervalMs: 0, backoff: { baseDelayMs: 600_000, maxDelayMs: 600_000 } },
    },
    log: options.log ?? (() => undefined),
    checkResults: true,
  });
  const page = await browser.context.newPage();
  const forward = options.console ?? ((type: string, text: string) => {
    if (type === 'error') process.stderr.write(`[page] ${text}\n`);
  });
  page.on('console', (message) => forward(message.type(), message.text()));
  page.on('pageerror', (error) => forward('error', error.stack ?? error.message));
  // tsx (the runner scripts) compiles with esbuild's keepNames, which wraps functions in a
  // `__name(...)` helper; the preload stand-in is serialized into the page and needs it there.
  await page.addInitScript({ content: 'globalThis.__name ??= (target) => target;' });
  const installed = await installBridge(page, main.bridge, { origin: server.origin });
  const url = `${server.origin}/index.html`;
  await page.goto(url);
  return {
    page,
    url,
    main,
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    async close() {
      installed.dispose();
      await page.close().catch(() => undefined);
      await main.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
