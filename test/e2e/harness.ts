import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { hrefOf, type Route } from '../../renderer/src/app/routes';
import { en, type MessageKey } from '../../renderer/src/i18n/en';
import { demoProfile } from '../../shared/profiles';
import { builtRendererDir, launchBrowser, openBridgedPage, type BridgedPage, type TestBrowser } from '../support/browser-page';

/*
 * The e2e journeys' world: the BUILT renderer (out/renderer, from `electron-vite build`) served
 * over loopback HTTP under its own Content-Security-Policy, in Debian's Chromium, with
 * `window.fieldbook` wired to the real main-process services (createMainBridge: vault, profile
 * store, session, journal; test/support/browser-page.ts) whose Demo profile runs on a real
 * sandbox over HTTP. Only the transport differs from the app (a Playwright binding, not IPC).
 *
 * The network is a switch in the main process's fetch: "offline" refuses every connection
 * (ECONNREFUSED, so a write is known never to have been sent), exactly as an unplugged cable
 * or a dead gateway looks to the API client. The sandbox stays up, so the test can play
 * "another client" on it through its store meanwhile.
 */

const root = resolve(import.meta.dirname, '../..');
/** The built renderer the journeys load (FIELDBOOK_RENDERER_DIR or out/renderer: test/support/browser-page.ts). */
export const rendererDir = builtRendererDir;
const resultsDir = join(root, 'test-results/e2e');

/** Small and deterministic: every journey sees the same 60 seeded customers; seed 2's include one with something in every section (journey 3). */
export const CUSTOMERS = 60;
export const SEED = 2;

/** Generous per-expectation timeout: the machine is a busy 2-core box; nothing here measures speed. */
export const WAIT_MS = 20_000;

export interface NetworkSwitch {
  /** Whether connections are refused now. */
  readonly isOffline: boolean;
  /** Cuts the network and lets the main process notice (its connectivity probe fails: `connectivity.changed` offline). */
  goOffline(): Promise<void>;
  /**
   * Restores the network without telling anyone: the app finds out on its next request (the
   * user's "Sync now"), as it would between two probes of its connectivity monitor.
   */
  restore(): void;
}

export interface Journey {
  readonly sandbox: Sandbox;
  readonly browser: TestBrowser;
  readonly app: BridgedPage;
  readonly page: Page;
  readonly network: NetworkSwitch;
  /** Saves `test-results/e2e/<journey>/<NN>-<name>.png`, numbered in the order taken. */
  shot(name: string): Promise<void>;
  /** Uncaught exceptions and console errors of the page: a journey ends with none. */
  readonly problems: string[];
  close(): Promise<void>;
}

/** A refused connection, as undici reports it: the API client classifies it as "never sent". */
function refused(): Promise<never> {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), { code: 'ECONNREFUSED' });
  return Promise.reject(new TypeError('fetch failed', { cause }));
}

export async function openJourney(name: string, options: { customers?: number; seed?: number } = {}): Promise<Journey> {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first');
  const shots = join(resultsDir, name);
  await rm(shots, { recursive: true, force: true });
  await mkdir(shots, { recursive: true });
  console.log(`e2e screenshots (${name}): ${shots}`);

  const sandbox = await startSandbox({ customers: options.customers ?? CUSTOMERS, seed: options.seed ?? SEED, onError: (error) => console.error('sandbox:', error) });
  const browser = await launchBrowser();
  let offline = false;
  const problems: string[] = [];
  const app = await openBridgedPage(browser, { dir: rendererDir, dispose: async () => undefined }, {
    sandbox,
    client: { fetch: (input, init) => (offline ? refused() : fetch(input, init)) },
    console: (type, text) => {
      // A plain web server is asked for /favicon.ico by the browser itself; Electron's app:// never is.
      if (type === 'error' && !/favicon|Failed to load resource: the server responded with a status of 404/u.test(text)) problems.push(text);
    },
  });
  const { page } = app;
  await page.setViewportSize({ width: 1440, height: 900 });
  page.setDefaultTimeout(WAIT_MS);

  let taken = 0;
  return {
    sandbox,
    browser,
    app,
    page,
    problems,
    network: {
      get isOffline() {
        return offline;
      },
      async goOffline() {
        offline = true;
        await app.main.session.check();
      },
      restore() {
        offline = false;
      },
    },
    async shot(label) {
      taken += 1;
      await page.screenshot({ path: join(shots, `${String(taken).padStart(2, '0')}-${label}.png`) });
    },
    async close() {
      await app.close();
      await browser.close();
      await sandbox.close();
    },
  };
}

const plural = new Intl.PluralRules('en');

/**
 * A sentence of the app as an English-speaking user reads it, from the app's own catalogue:
 * the journeys look for what is on screen, and survive a rewording of it.
 */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const message = en[key] as string | { one: string; other: string };
  const text = typeof message === 'string' ? message : plural.select(Number(params['count'] ?? 0)) === 'one' ? message.one : message.other;
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** A RegExp matching `text` literally (for accessible names that contain it). */
export const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** Polls `read` until the matcher passes (vitest's expect.poll with the journeys' timeout). */
export function eventually<T>(read: () => T | Promise<T>, message?: string) {
  return expect.poll(read, { timeout: WAIT_MS, interval: 100, ...(message ? { message } : {}) });
}

/** What a journey types into the new-customer form (the main address's fields by their labels' keys). */
export interface NewCustomerInput {
  person?: { first: string; last: string };
  company?: string;
  email?: string;
  address: Partial<Record<'street' | 'houseNo' | 'zipCode' | 'city' | 'countryCode', string>>;
}

/** Opens "New customer" from the list and fills the form as a user would; the caller creates it. */
export async function fillNewCustomer(page: Page, input: NewCustomerInput): Promise<void> {
  await page.getByRole('link', { name: t('customers.new') }).click();
  await page.getByRole('heading', { level: 1, name: t('customers.new') }).waitFor();
  if (input.person) {
    await page.getByRole('radio', { name: new RegExp(`^${t('customers.person')}`, 'u') }).check();
    await page.getByLabel(t('field.firstname'), { exact: true }).fill(input.person.first);
    await page.getByLabel(t('field.lastname'), { exact: true }).fill(input.person.last);
  }
  if (input.company !== undefined) {
    await page.getByRole('radio', { name: new RegExp(`^${t('customers.company')}`, 'u') }).check();
    await page.getByLabel(new RegExp(`^${literally(t('form.customer.companyName'))}`, 'u')).fill(input.company);
  }
  if (input.email !== undefined) await page.getByLabel(t('field.email'), { exact: true }).fill(input.email);
  for (const field of ['street', 'houseNo', 'zipCode', 'city', 'countryCode'] as const) {
    const value = input.address[field];
    if (value !== undefined) await page.getByLabel(t(`address.${field}`), { exact: true }).fill(value);
  }
}

/** Goes to a screen the way a link would (the app's own hash URL). */
export async function go(page: Page, route: Route): Promise<void> {
  await page.evaluate((href) => {
    location.hash = href;
  }, hrefOf(route));
}

/** The sync status group in the header. */
export const syncStatus = (page: Page): Locator => page.getByRole('group', { name: t('status.label') });

/** A text of the status pill ('Online', 'Offline', 'All changes synced', '1 change waiting'); its live region repeats some of them. */
export const statusText = (page: Page, text: string): Locator => syncStatus(page).getByText(text, { exact: true }).first();

/** The pill once the sync is done and nothing waits: online, all synced. */
export async function waitForAllSynced(page: Page): Promise<void> {
  await statusText(page, t('status.allSynced')).waitFor();
  await statusText(page, t('status.online')).waitFor();
}

/** The main navigation's link to a section. */
export const navLink = (page: Page, key: 'nav.customers' | 'nav.pending' | 'nav.settings'): Locator =>
  page.getByRole('navigation', { name: t('nav.label') }).getByRole('link', { name: new RegExp(`^${literally(t(key))}`, 'u') });

/** Waits until the first sync has filled the list: the count reads "N customers" and nothing waits. */
export async function waitForFirstSync(page: Page, total = CUSTOMERS): Promise<void> {
  await page.getByRole('grid', { name: t('customers.list.label') }).waitFor();
  await page.getByText(t('customers.count', { count: total }), { exact: true }).waitFor();
  await waitForAllSynced(page);
}

/** The queued changes as the renderer's outbox holds them (read straight from IndexedDB). */
export function outboxEntries(page: Page): Promise<{ seq: number; op: string; entity: string; state: string; attempts: number; notBefore: number }[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const request = db.transaction('outbox').objectStore('outbox').getAll();
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
        request.onerror = () => reject(request.error);
      });
      return rows.map((row) => ({
        seq: Number(row['seq']), op: String(row['op']), entity: String(row['entity']), state: String(row['state']),
        attempts: Number(row['attempts'] ?? 0), notBefore: Number(row['notBefore'] ?? 0),
      }));
    } finally {
      db.close();
    }
  }, `fieldbook-${demoProfile.id}`);
}

/** The names the list shows now, top to bottom (the virtualized rows in the DOM). */
export async function listedNames(page: Page): Promise<string[]> {
  const names = await page.getByRole('grid', { name: t('customers.list.label') }).getByRole('row').getByRole('link').allTextContents();
  return names.map((name) => name.trim());
}

/** Registers a screenshot of the page as it was when a test of the file failed (`NN-FAILED.png`). */
export function shootFailures(current: () => Journey | undefined): void {
  afterEach(async ({ task }) => {
    const journey = current();
    if (task.result?.state === 'fail' && journey && !journey.page.isClosed()) await journey.shot('FAILED').catch(() => undefined);
  });
}
