import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedChildren, seedCustomers } from '../../electron/sandbox/seed';
import type { Customer } from '../../shared/api/schemas';
import { demoProfile } from '../../shared/profiles';
import { toCachedCustomer } from '../../renderer/src/cache/customer-index';
import { hrefOf } from '../../renderer/src/app/routes';
import { putRows, serveBuiltRenderer, type StaticServer } from '../support/browser-page';

/*
 * A look at the real UI: the built renderer (out/renderer, from `electron-vite build`) served
 * over loopback HTTP, in Debian's Chromium, with a stand-in for the preload's bridge (an
 * offline Demo profile) and the cache seeded with a few thousand customers. It checks the
 * screens a field worker depends on and saves screenshots of each for a reviewer, in light and
 * dark, English and Swedish.
 */

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'test-results/screenshots');
const CUSTOMERS = 3_000;
const SEED = 7;
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

let server: StaticServer;
let baseUrl: string;
let browser: Browser;
let customers: Customer[];
let featured: Customer;


beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  console.log(`UI screenshots: ${shots}`);
  server = await serveBuiltRenderer();
  baseUrl = `${server.origin}/`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  customers = seedCustomers(CUSTOMERS, SEED);
  // A customer with something in every tab makes the detail screenshots worth looking at.
  featured = customers.find((c) => {
    const ch = seedChildren(c, SEED);
    return (ch.ledger.invoices?.length ?? 0) >= 2 && ch.accruedInterest.length > 0 && ch.questions.length > 0 && ch.creditInsurances.length > 0;
  }) ?? customers[0]!;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The preload's bridge, played by a script: the Demo profile, offline (every API call fails as a network error). */
function fakeBridge(profile: typeof demoProfile): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const ok = (value: unknown) => ({ ok: true, value });
  const answers: Record<string, (args: unknown) => unknown> = {
    'app.info': () => ok({ version: '0.1.0', platform: 'linux', locale: navigator.language }),
    'profiles.list': () => ok({ profiles: [profile], activeId: profile.id }),
    'connectivity.check': () => ok({ state: 'offline', profileId: profile.id }),
    'api.call': () => ({ ok: false, failure: { kind: 'network', message: 'The server could not be reached.' } }),
  };
  Object.defineProperty(window, 'fieldbook', {
    value: Object.freeze({
      invoke: async (channel: string, args: unknown) => (answers[channel] ?? (() => ({ ok: false, failure: { kind: 'internal', message: 'not in this test' } })))(args),
      on: (event: string, listener: (payload: unknown) => void) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    }),
  });
}

/** Everything the cache holds, as the sync engine would have stored it. */
function cacheRows(): Record<string, unknown[]> {
  const fetchedAt = new Date(Date.now() - 2 * 3600e3).toISOString();
  const detailFor = new Set([featured.customerGuid, ...customers.slice(0, 5).map((c) => c.customerGuid)]);
  const rows: Record<string, unknown[]> = {
    customers: [], addresses: [], parameters: [], extraFields: [], mandates: [], creditInsurances: [], questions: [], ledgers: [], accruedInterest: [],
  };
  for (const customer of customers) {
    const full = detailFor.has(customer.customerGuid);
    rows['customers']!.push(toCachedCustomer(customer, { fetchedAt, detailFetchedAt: full ? fetchedAt : null, passId: 1 }));
    if (!full) continue;
    const guid = customer.customerGuid;
    const ch = seedChildren(customer, SEED);
    rows['addresses']!.push(...(customer.addresses ?? []).map((a) => ({ ...a, id: a.addressGuid, customerGuid: guid, serverId: a.addressGuid, fetchedAt })));
    rows['parameters']!.push(...ch.parameters.map((p) => ({ ...p, customerGuid: guid, name: p.name ?? '', fetchedAt })));
    rows['extraFields']!.push(...ch.extraFields.map((f) => ({ ...f, customerGuid: guid, name: f.name ?? '', fetchedAt })));
    rows['mandates']!.push(...ch.mandates.map((m) => ({ ...m, id: m.mandateGuid, customerGuid: guid, serverId: m.mandateGuid, fetchedAt })));
    rows['creditInsurances']!.push(...ch.creditInsurances.map((i) => ({ ...i, id: i.insuranceGuid, customerGuid: guid, serverId: i.insuranceGuid, fetchedAt })));
    rows['questions']!.push(...ch.questions.map((q) => ({ ...q, customerGuid: guid, fetchedAt })));
    rows['ledgers']!.push({ customerGuid: guid, summary: ch.ledger, fetchedAt });
    rows['accruedInterest']!.push({ customerGuid: guid, rows: ch.accruedInterest, fetchedAt });
  }
  // Something waiting, something refused, a conflict, and customers kept offline: every badge.
  const entry = (c: Customer, state: string) => ({
    entity: 'customer', op: 'update', customerGuid: c.customerGuid, id: c.customerGuid, entityKey: `customer:${c.customerGuid}`,
    body: { email: 'new@example.se' }, state, attempts: 0, notBefore: 0, lastFailure: null, createdAt: fetchedAt, updatedAt: fetchedAt,
  });
  const sorted = [...customers].sort((a, b) => (a.fullName ?? '').toLowerCase().localeCompare((b.fullName ?? '').toLowerCase()));
  rows['outbox'] = [entry(sorted[1]!, 'pending'), entry(sorted[3]!, 'pending'), entry(sorted[4]!, 'attention'), entry(featured, 'pending')];
  rows['conflicts'] = [{ entityKey: `customer:${sorted[6]!.customerGuid}`, entity: 'customer', customerGuid: sorted[6]!.customerGuid, outboxSeq: 99, fields: [], theirs: {}, detectedAt: fetchedAt }];
  rows['briefcase'] = [featured, sorted[2]!, sorted[6]!].map((c) => ({ customerGuid: c.customerGuid, keptOffline: true, openedAt: null, prepared: false }));
  rows['meta'] = [{ key: 'sync.lastSyncedAt', value: fetchedAt }];
  return rows;
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // The browser asks a web server for /favicon.ico by itself; Electron, loading files, never does.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text());
  });
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`) });

async function seededContext(options: { colorScheme: 'light' | 'dark'; locale: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ...options });
  await context.addInitScript(fakeBridge, demoProfile);
  const page = await newPage(context);
  await page.goto(baseUrl);
  await page.getByRole('grid').waitFor();
  await putRows(page, 'fieldbook-demo', cacheRows());
  await page.reload();
  await page.getByRole('row', { name: new RegExp(featured.fullName ?? '') }).or(page.locator('.customer').first()).first().waitFor();
  return { context, page };
}

describe('the Fieldbook UI in Chromium', () => {
  it('shows the customer list, searches, filters and marks a $filter error at its token', async () => {
    const { context, page } = await seededContext({ colorScheme: 'light', locale: 'en-GB' });
    await expect.poll(() => page.locator('.meta .count').textContent()).toContain('3,000 customers');
    // Virtualized: a few dozen rows in the DOM, not 3,000.
    expect(await page.locator('.customer, .skeleton-row').count()).toBeLessThan(80);
    await expect.poll(() => page.getByText('Offline', { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.badge', { hasText: 'Conflict' }).count()).toBeGreaterThan(0);
    await shot(page, 'list-light');

    // Scroll deep: rows render where the user is, and the count of rows in the DOM stays small.
    await page.locator('.scroller').evaluate((el) => el.scrollTo(0, 48 * 2000));
    await expect.poll(() => page.locator('[aria-rowindex="2002"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.customer, .skeleton-row').count()).toBeLessThan(80);

    const surname = (featured.lastname ?? featured.fullName ?? '').split(' ')[0]!;
    await page.keyboard.press('/');
    await page.keyboard.type(surname.slice(0, 4).toLowerCase(), { delay: 40 });
    await expect.poll(() => page.locator('.meta .count').textContent()).toMatch(/match/u);
    await expect.poll(() => page.locator('.customer').first().textContent()).toMatch(new RegExp(surname.slice(0, 4), 'iu'));
    await shot(page, 'search-light');

    await page.getByRole('button', { name: 'Clear search' }).click();
    await page.getByRole('button', { name: /Filter/u }).click();
    await page.getByLabel('Field', { exact: true }).selectOption('juridicalType');
    await page.getByLabel('Value', { exact: true }).selectOption('1');
    await page.getByLabel('Advanced: $filter').fill("startswith(email, 'info') and regDate gt 2020-13-01");
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('2020-13-01');
    await expect.poll(() => page.locator('mark').textContent()).toBe('2020-13-01');
    await shot(page, 'filter-error-light');
    await page.getByLabel('Advanced: $filter').fill("startswith(email, 'info')");
    await expect.poll(() => page.locator('.meta .count').textContent()).toMatch(/match/u);
    await shot(page, 'filter-light');

    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('opens a customer: grouped fields, tabs by keyboard, ledger in its currency, dark theme', async () => {
    const { context, page } = await seededContext({ colorScheme: 'light', locale: 'en-GB' });
    await page.goto(`${baseUrl}${hrefOf({ name: 'customer', guid: featured.customerGuid, tab: 'overview' })}`);
    await page.getByRole('heading', { level: 1, name: featured.fullName ?? '' }).waitFor();
    await page.getByRole('heading', { name: 'Identity' }).waitFor();
    await expect.poll(() => page.getByText(/As of/u).count()).toBeGreaterThan(0);
    await shot(page, 'detail-overview-light');

    await page.getByRole('tab', { name: /Overview/u }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toContain('Addresses');
    expect(page.url()).toContain('addresses');
    await shot(page, 'detail-addresses-light');

    await page.getByRole('tab', { name: /Ledger/u }).click();
    await page.getByRole('heading', { name: 'Invoices' }).waitFor();
    await shot(page, 'detail-ledger-light');
    await page.getByRole('tab', { name: /Questions/u }).click();
    await shot(page, 'detail-questions-light');
    await page.getByRole('tab', { name: /Accrued interest/u }).click();
    await shot(page, 'detail-interest-light');
    await page.getByRole('tab', { name: /Custom actions/u }).click();
    await shot(page, 'detail-actions-light');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('tab', { name: /Overview/u }).click();
    await shot(page, 'detail-overview-dark');
    await page.getByRole('tab', { name: /Ledger/u }).click();
    await shot(page, 'detail-ledger-dark');
    await page.goto(`${baseUrl}${hrefOf({ name: 'customers' })}`);
    await page.locator('.customer').first().waitFor();
    await shot(page, 'list-dark');

    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await shot(page, 'shortcuts-dark');
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('speaks Swedish when the OS does, with Swedish formats', async () => {
    const { context, page } = await seededContext({ colorScheme: 'light', locale: 'sv-SE' });
    await expect.poll(() => page.locator('.meta .count').textContent()).toMatch(/3\s000 kunder/u);
    await page.getByRole('heading', { level: 1, name: 'Kunder' }).waitFor();
    await shot(page, 'list-sv');
    await page.goto(`${baseUrl}${hrefOf({ name: 'customer', guid: featured.customerGuid, tab: 'ledger' })}`);
    await page.getByRole('heading', { name: 'Fakturor' }).waitFor();
    await shot(page, 'detail-ledger-sv');
    await context.close();
  }, 120_000);

  it('explains itself in a plain browser, where there is no bridge', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 760 } });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 2, name: 'Fieldbook runs as a desktop app' }).waitFor();
    await shot(page, 'no-bridge');
    await context.close();
  }, 60_000);
});
