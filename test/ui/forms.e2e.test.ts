import { mkdirSync, readFileSync } from 'node:fs';
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
 * The editing screens for real: the new-customer form (person or company, errors at the
 * fields, focus on the first), the edit form with the server's refusal at its field, the
 * sub-resource dialogs (address, extra field values, mandate), answering a question, deleting
 * a customer with unsynced children, and the custom actions tab with a JSON error. As
 * test/ui/smoke.e2e.test.ts: the built renderer served over loopback, Debian's Chromium, a
 * scripted stand-in for the preload's bridge, the cache seeded through IndexedDB. The sync
 * loop is held (the test takes its Web Lock first), so what a save queues stays queued and
 * the screens show it. Screenshots go to test-results/screenshots/forms-*.png.
 */

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'test-results/screenshots');
const CUSTOMERS = 400;
const SEED = 7;
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

let server: StaticServer;
let baseUrl: string;
let browser: Browser;
let customers: Customer[];
/** A person with something in every tab. */
let featured: Customer;
/** A company whose last edit the server refused. */
let refused: Customer;


beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await serveBuiltRenderer();
  baseUrl = `${server.origin}/`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  customers = seedCustomers(CUSTOMERS, SEED);
  featured = customers.find((c) => {
    const ch = seedChildren(c, SEED);
    return c.juridicalType !== 1 && ch.questions.some((q) => q.allowPostpone) && ch.extraFields.length > 0 && ch.parameters.length > 1;
  }) ?? customers[0]!;
  refused = customers.find((c) => c.juridicalType === 1 && c !== featured) ?? customers[1]!;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * The preload's bridge, played by a script: the Demo profile, offline or online. Online, the
 * custom actions answer (the sandbox's echo; an unknown definition is a 404 problem) and every
 * other call fails as a server error, so nothing the test seeded is overwritten by a pull.
 */
function fakeBridge({ profile, online }: { profile: typeof demoProfile; online: boolean }): void {
  // Hold the sync loop: the queue stays as the screens leave it.
  void navigator.locks.request('fieldbook-sync', () => new Promise(() => undefined));
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const ok = (value: unknown) => ({ ok: true, value });
  const fail = (failure: Record<string, unknown>) => ({ ok: false, failure });
  const known = ['SendReminder', 'RecalculateInterest', 'CreatePaymentPlan'];
  function api({ operation, params, body, query }: { operation: string; params: Record<string, string>; body?: unknown; query?: { async?: boolean } }): unknown {
    if (!online) return fail({ kind: 'network', message: 'The server could not be reached.' });
    if (operation === 'invokeCustomerService' || operation === 'invokeService') {
      const definition = known.find((d) => d.toLowerCase() === (params['serviceDefinition'] ?? '').toLowerCase());
      if (!definition) {
        return fail({
          kind: 'not-found', status: 404, message: `Service definition '${params['serviceDefinition']}' was not found.`,
          problem: { type: 'about:blank', title: 'Not Found', status: 404, detail: `Service definition '${params['serviceDefinition']}' was not found.` },
        });
      }
      const base = { serviceDefinition: definition, async: Boolean(query?.async), ...(params['customerGuid'] ? { customerGuid: params['customerGuid'] } : {}) };
      return ok(query?.async ? { ...base, jobId: '5b0e6a4e-8c1d-4f5e-9a77-0c3f2d1b6e21', status: 'Queued' } : { ...base, received: body ?? null, result: 'OK' });
    }
    return fail({ kind: 'server', status: 503, message: 'The server is busy (HTTP 503).' });
  }
  const answers: Record<string, (args: unknown) => unknown> = {
    'app.info': () => ok({ version: '0.1.0', platform: 'linux', locale: navigator.language }),
    'profiles.list': () => ok({ profiles: [profile], activeId: profile.id }),
    'connectivity.check': () => ok({ state: online ? 'online' : 'offline', profileId: profile.id }),
    'api.call': (args) => api(args as Parameters<typeof api>[0]),
    'journal.read': () => ok({ entries: [], notes: [] }),
    'journal.append': () => ok({ live: 0 }),
  };
  Object.defineProperty(window, 'fieldbook', {
    value: Object.freeze({
      invoke: async (channel: string, args: unknown) => (answers[channel] ?? (() => fail({ kind: 'internal', message: 'not in this test' })))(args),
      on: (event: string, listener: (payload: unknown) => void) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    }),
  });
}

const fetchedAt = new Date(Date.now() - 2 * 3600e3).toISOString();

/** The cache as the sync engine would have left it, plus a change the server refused and a parameter created offline. */
function cacheRows(refusal?: Record<string, unknown>): Record<string, unknown[]> {
  const rows: Record<string, unknown[]> = {
    customers: [], bases: [], addresses: [], parameters: [], extraFields: [], mandates: [], creditInsurances: [], questions: [], ledgers: [], accruedInterest: [],
  };
  const refusedEmail = 'info@@kund.example';
  for (const customer of customers) {
    const full = customer === featured || customer === refused;
    const working = customer === refused ? { ...customer, email: refusedEmail } : customer;
    rows['customers']!.push(toCachedCustomer(working, { fetchedAt, detailFetchedAt: full ? fetchedAt : null, passId: 1 }));
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
  rows['bases']!.push({ entity: 'customer', key: refused.customerGuid, record: refused, fetchedAt });
  const entry = (seq: number, fields: Record<string, unknown>) => ({
    seq, attempts: 0, notBefore: 0, lastFailure: null, createdAt: fetchedAt, updatedAt: fetchedAt, ...fields,
  });
  // The server refused the company's new e-mail address (its problem details name the field).
  const refusedEntry = entry(1, {
    entity: 'customer', op: 'update', customerGuid: refused.customerGuid, id: refused.customerGuid, entityKey: `customer:${refused.customerGuid}`,
    body: { email: refusedEmail }, baseValues: { email: refused.email ?? null }, state: 'attention', attempts: 1,
    lastFailure: refusal ?? {
      kind: 'validation', status: 400, operation: 'updateCustomer', message: 'The server refused the change (HTTP 400).',
      problem: { title: 'One or more validation errors occurred.', status: 400, detail: 'The e-mail address is not valid for this tenant.' },
      fieldErrors: { Email: ['Must be an e-mail address, e.g. anna@example.se'] },
    },
  });
  // A parameter typed in offline (not yet on the server), and a pending change to an extra field.
  const extra = seedChildren(featured, SEED).extraFields[0]!;
  const offlineParameter = { name: 'CollectionNote', type: 'string', value: 'Visit on Tuesday', href: null };
  rows['parameters']!.push({ ...offlineParameter, customerGuid: featured.customerGuid, fetchedAt: null });
  const parameterEntry = entry(2, {
    entity: 'parameter', op: 'create', customerGuid: featured.customerGuid, id: 'CollectionNote', entityKey: `parameter:${featured.customerGuid}/collectionnote`,
    body: offlineParameter, state: 'pending',
  });
  const extraEntry = entry(3, {
    entity: 'extraField', op: 'update', customerGuid: featured.customerGuid, id: extra.name, entityKey: `extraField:${featured.customerGuid}/${extra.name!.toLowerCase()}`,
    body: { value: extra.value }, baseValues: { value: extra.value }, state: 'pending',
  });
  // As the outbox leaves it: an update's record has its server version kept as its base.
  rows['bases']!.push({ entity: 'extraField', key: `${featured.customerGuid}/${extra.name}`, record: extra, fetchedAt });
  rows['outbox'] = [refusedEntry, parameterEntry, extraEntry];
  rows['meta'] = [{ key: 'sync.lastSyncedAt', value: fetchedAt }];
  return rows;
}

type TrackedPage = Page & { errors: string[] };

async function open(
  options: { online?: boolean; colorScheme?: 'light' | 'dark'; locale?: string; /** The refused entry's stored failure. */ refusal?: Record<string, unknown> } = {},
): Promise<{ context: BrowserContext; page: TrackedPage }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: options.colorScheme ?? 'light', locale: options.locale ?? 'en-GB' });
  await context.addInitScript(fakeBridge, { profile: demoProfile, online: options.online ?? false });
  const page = (await context.newPage()) as TrackedPage;
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) page.errors.push(message.text());
  });
  await page.goto(baseUrl);
  await page.getByRole('grid').waitFor();
  await putRows(page, 'fieldbook-demo', cacheRows(options.refusal));
  await page.reload();
  await page.locator('.customer').first().waitFor();
  return { context, page };
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `forms-${name}.png`) });

const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2 A/AA rules over what is on screen (an open modal dialog: the dialog), as "rule: target" lines. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const context = document.querySelector('dialog[open]') ?? document;
    const result = await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}
const go = (page: Page, route: Parameters<typeof hrefOf>[0]) => page.goto(`${baseUrl}${hrefOf(route)}`);
const saveKey = 'Control+s';
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('the editing screens in Chromium', () => {
  it('creates a company offline: the choice first, errors at the fields on save, then "Created — will sync"', async () => {
    const { context, page } = await open();
    await go(page, { name: 'customer-new' });
    await page.getByRole('heading', { level: 1, name: 'New customer' }).waitFor();
    await page.getByRole('radio', { name: /Person/u }).waitFor();
    await shot(page, 'new-customer-choice');

    // Keyboard only: the radio group takes arrows; the company's form has no first name.
    await page.getByRole('radio', { name: /Person/u }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByLabel('Company name').waitFor();
    expect(await page.getByLabel('First name').count()).toBe(0);
    expect(await focusedId(page)).toBe('new-customer-fullName');

    // A message appears as the user leaves a field.
    await page.getByLabel('E-mail').fill('anna@');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('#new-customer-email-error').textContent()).toContain('Not an e-mail address');
    expect(await page.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('E-mail').getAttribute('aria-describedby')).toContain('new-customer-email-error');
    await page.getByLabel('Currency').fill('kr');
    await page.getByLabel('Date of birth').count().then((n) => expect(n).toBe(0));

    // Ctrl+S from inside a field: every error shows, focus goes to the first invalid field.
    await page.getByLabel('Currency').focus();
    await page.keyboard.press(saveKey);
    await expect.poll(() => focusedId(page)).toBe('new-customer-fullName');
    await expect.poll(() => page.locator('#new-customer-fullName-error').textContent()).toContain('Required');
    expect(await page.locator('#new-customer-currencyCode-error').textContent()).toContain('Three capital letters');
    await page.evaluate(() => document.getElementById('main')?.scrollTo(0, 0));
    await shot(page, 'new-customer-errors');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByLabel('Company name').fill('Fjällbacka Fisk AB');
    await page.getByLabel('E-mail').fill('info@fjallbackafisk.se');
    await page.getByLabel('Currency').fill('sek');
    await page.getByLabel('Mobile phone').fill('+46 70 555 12 34');
    await page.getByLabel('Street').fill('Hamngatan');
    await page.getByLabel('House number', { exact: true }).fill('4');
    await page.getByLabel('City').fill('Fjällbacka');
    await page.getByLabel('Company name').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Fjällbacka Fisk AB' }).waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Created — will sync' }).count()).toBe(1);
    await expect.poll(() => page.locator('.head .badges').textContent()).toContain('Pending');
    await shot(page, 'new-customer-saved');

    // Delete it after adding an address: the second confirmation lists the address that would be lost.
    await page.getByRole('tab', { name: /Addresses/u }).click();
    await page.getByRole('button', { name: 'Add address' }).click();
    await page.getByRole('dialog', { name: 'New address' }).waitFor();
    await page.getByLabel('Street').fill('Sjövägen');
    await page.getByLabel('City').fill('Fjällbacka');
    await page.getByLabel('City').press('Enter');
    await page.getByRole('dialog', { name: 'New address' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Delete', exact: true }).first().click();
    await page.getByRole('alertdialog', { name: 'Delete Fjällbacka Fisk AB?' }).waitFor();
    // Focus starts on the safe answer.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Cancel');
    await shot(page, 'delete-confirm');
    await page.getByRole('button', { name: 'Delete customer' }).click();
    await page.getByRole('alertdialog', { name: 'Unsynced changes will be discarded' }).waitFor();
    await expect.poll(() => page.locator('.queued li').allTextContents()).toEqual(['New address']);
    await shot(page, 'delete-queued-children');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Discard 1 change and delete' }).click();
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Deleted' }).count()).toBe(1);

    expect(page.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("edits a customer: the server's refusal at its field, Esc asks before discarding, Ctrl+S saves", async () => {
    const { context, page } = await open();
    await go(page, { name: 'customer-edit', guid: refused.customerGuid });
    await page.getByRole('heading', { level: 1, name: `Edit ${refused.fullName}` }).waitFor();
    await page.getByText('The server refused this change').waitFor();
    await expect.poll(() => page.locator('#edit-customer-email-error').textContent()).toContain('Not an e-mail address');
    expect(await page.getByRole('link', { name: 'Open Pending changes' }).getAttribute('href')).toBe('#/pending');
    await shot(page, 'edit-customer-refused');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByLabel('Work phone').fill('+46 31 700 12 00');
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog', { name: 'Discard your changes?' }).waitFor();
    await shot(page, 'edit-discard');
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    // Navigating away is guarded too.
    await page.getByRole('navigation').getByRole('link', { name: /Pending changes/u }).click();
    await page.getByRole('alertdialog', { name: 'Discard your changes?' }).waitFor();
    await page.getByRole('button', { name: 'Keep editing' }).click();
    expect(page.url()).toContain('/edit');

    await page.getByLabel('E-mail').fill('info@kund.example');
    await expect.poll(() => page.locator('#edit-customer-email-error').textContent()).toBe('');
    await page.keyboard.press(saveKey);
    await page.getByRole('heading', { level: 1, name: refused.fullName ?? '' }).waitFor();
    // The correction went into the refused entry, which will be sent again.
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Corrected — will be sent again' }).count()).toBe(1);

    // A plain edit of a person, in dark.
    await page.emulateMedia({ colorScheme: 'dark' });
    await go(page, { name: 'customer-edit', guid: featured.customerGuid });
    await page.getByRole('heading', { level: 1, name: `Edit ${featured.fullName}` }).waitFor();
    await page.getByLabel('Middle name').fill('Maria');
    await page.waitForTimeout(300); // the theme's colour transitions
    await shot(page, 'edit-customer-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(300);
    await shot(page, 'edit-customer');
    await page.keyboard.press(saveKey);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved — will sync' }).count()).toBe(1);
    await expect.poll(() => page.locator('.head .badges').textContent()).toContain('Pending');
    await shot(page, 'edit-customer-saved');

    expect(page.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('edits sub-resources in dialogs: an address, extra field values, a mandate; rows say Pending / Not yet on the server', async () => {
    const { context, page } = await open();
    await go(page, { name: 'customer', guid: featured.customerGuid, tab: 'addresses' });
    await page.getByRole('button', { name: 'Add address' }).click();
    const dialog = page.getByRole('dialog', { name: 'New address' });
    await dialog.waitFor();
    expect(await focusedId(page)).toBe('address-new-addressType');
    await page.getByLabel('Type').fill('SUMMER');
    await page.getByLabel('Street').fill('Strandvägen');
    await page.getByLabel('House number', { exact: true }).fill('12');
    await page.getByLabel('Postcode').fill('452 97');
    await page.getByLabel('City').fill('Strömstad');
    await page.getByLabel('Valid from').fill('2026-06-01');
    await page.getByLabel('Valid to').fill('2026-05-01');
    // Tab moves between the parts of a date input; leaving it is what shows the message.
    await page.getByLabel('Valid to').blur();
    await expect.poll(() => page.locator('#address-new-validTo-error').textContent()).toContain('must not be before');
    await shot(page, 'address-dialog');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel('Valid to').fill('2026-08-31');
    await page.getByLabel('City').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    // Focus is back on the button that opened the dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Add address');
    await expect.poll(() => page.getByRole('region', { name: 'SUMMER' }).getByText('Not yet on the server').count()).toBe(1);
    await shot(page, 'addresses-after-save');

    await page.getByRole('tab', { name: /Parameters/u }).click();
    await expect.poll(() => page.getByRole('row', { name: /CollectionNote/u }).getByText('Not yet on the server').count()).toBe(1);
    await shot(page, 'parameters');

    await page.getByRole('tab', { name: /Extra fields/u }).click();
    const extra = seedChildren(featured, SEED).extraFields[0]!;
    await expect.poll(() => page.getByRole('row', { name: new RegExp(extra.name!, 'u') }).getByText('Pending').count()).toBe(1);
    await page.getByRole('button', { name: `Edit ${extra.name}` }).click();
    await page.getByRole('dialog', { name: `Edit extra field ${extra.name}` }).waitFor();
    expect(await page.getByLabel('Name').getAttribute('readonly')).not.toBeNull();
    await page.getByRole('button', { name: 'Add value' }).click();
    const added = (extra.value?.length ?? 0) + 1;
    expect(await focusedId(page)).toBe(`extraField-edit-value-${added - 1}`);
    await page.keyboard.type('Key account since 2019');
    await page.keyboard.press('Enter'); // Enter in the last value adds another
    expect(await focusedId(page)).toBe(`extraField-edit-value-${added}`);
    await page.keyboard.type('Fishing industry');
    await shot(page, 'extra-field-values');
    expect(await accessibilityProblems(page)).toEqual([]);
    // Removing a value passes focus to its neighbour.
    await page.getByRole('button', { name: `Remove value ${added + 1}` }).click();
    expect(await focusedId(page)).toBe(`extraField-edit-value-${added - 1}`);
    await page.keyboard.press(saveKey);
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByText('Key account since 2019').count()).toBe(1);

    await page.getByRole('tab', { name: /Direct-debit mandates/u }).click();
    await page.getByText('The API has no update or delete for mandates').waitFor();
    await page.getByRole('button', { name: 'New mandate' }).click();
    await page.getByRole('dialog', { name: 'New direct-debit mandate' }).waitFor();
    await page.getByLabel('Payer\'s account class').selectOption({ label: 'Bankgiro (Sweden)' });
    await page.getByRole('button', { name: 'Create mandate' }).click();
    await expect.poll(() => focusedId(page)).toBe('mandate-new-directDebitMandateType');
    await expect.poll(() => page.locator('#mandate-new-receivingBankAccountNo-error').textContent()).toContain('Required');
    await shot(page, 'mandate-dialog');
    // Esc with something typed asks first.
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog', { name: 'Discard your changes?' }).waitFor();
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: /Credit insurances/u }).click();
    await page.getByRole('button', { name: 'Add credit insurance' }).click();
    await page.getByRole('dialog', { name: 'New credit insurance' }).waitFor();
    await page.getByLabel('Insurer', { exact: true }).fill('ATRADIUS');
    await page.getByLabel('Insured amount').fill('250 000,50');
    await page.getByLabel('Grace period (days)').fill('-5');
    await page.getByLabel('Grace period (days)').press('Tab');
    await expect.poll(() => page.locator('#creditInsurance-new-graceDays-error').textContent()).toContain('Must not be negative');
    await shot(page, 'insurance-dialog');
    // Going back (the browser's Back, Alt+← outside a field) behind a dialog with typing in it asks first; staying keeps what was typed.
    await page.evaluate(() => history.back());
    await page.getByRole('alertdialog', { name: 'Discard your changes?' }).waitFor();
    await page.getByRole('button', { name: 'Keep editing' }).click();
    expect(await page.getByLabel('Insured amount').inputValue()).toBe('250 000,50');
    expect(page.url()).toContain('credit-insurances');

    expect(page.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('answers a question by keyboard and shows it as "Answer queued"', async () => {
    const { context, page } = await open();
    await go(page, { name: 'customer', guid: featured.customerGuid, tab: 'questions' });
    const question = seedChildren(featured, SEED).questions.find((q) => q.allowPostpone)!;
    const card = page.getByRole('listitem').filter({ hasText: question.message ?? '' });
    await card.getByRole('button', { name: 'Answer' }).click();
    const first = question.responses![0]!;
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');
    // Sending without a choice: the message is at the choices.
    await card.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => card.getByText('Choose an answer, or a day to postpone to').count()).toBe(1);
    await card.getByRole('radio', { name: 'Postpone to a later day' }).check();
    await card.getByLabel('Postpone to', { exact: true }).waitFor();
    await card.getByRole('radio', { name: first.description ?? first.code }).check();
    await card.getByLabel(/Note/u).fill('Spoke to the customer on the phone.');
    await shot(page, 'question-answer');
    expect(await accessibilityProblems(page)).toEqual([]);
    await card.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => card.getByText('Answer queued').count()).toBe(1);
    await expect.poll(() => card.getByText(`Your answer “${first.description}” is sent at the next sync.`).count()).toBe(1);
    await shot(page, 'question-queued');
    expect(page.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('custom actions: online only, a JSON error at its line and column, the result; offline it says why not', async () => {
    const { context, page } = await open({ online: true });
    await go(page, { name: 'customer', guid: featured.customerGuid, tab: 'custom-actions' });
    await page.getByText('Runs on the server immediately; not available offline; never queued.').waitFor();
    await expect.poll(() => page.getByLabel('Service definition').isEnabled()).toBe(true);
    await page.getByLabel('Service definition').fill('SendReminder');
    await page.getByLabel('Request body (JSON)').fill('{\n  "channel": "EMAIL",\n  "daysOverdue" 30,\n  "note": "Second reminder"\n}');
    await expect.poll(() => page.getByText('Line 3, column 17').count()).toBe(1);
    await page.getByText('Expected “:” after the name').waitFor();
    await shot(page, 'actions-json-error');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Go to the error' }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement).selectionStart)).toBe(40);
    await page.getByLabel('Request body (JSON)').fill('{"channel":"EMAIL","daysOverdue":30,"note":"Second reminder"}');
    await page.getByRole('button', { name: 'Format' }).click();
    await page.getByRole('button', { name: 'Run for this customer' }).click();
    await page.getByRole('heading', { name: 'SendReminder answered' }).waitFor();
    await expect.poll(() => page.locator('.json').textContent()).toContain('"daysOverdue": 30');
    await shot(page, 'actions-result');

    await page.getByRole('radio', { name: 'No customer (a general service)' }).check();
    await page.getByLabel('Service definition').fill('Nope');
    await page.getByRole('button', { name: 'Run service' }).click();
    await page.getByRole('heading', { name: 'Nope failed' }).waitFor();
    await page.getByText("Service definition 'Nope' was not found.").first().waitFor();
    await shot(page, 'actions-failure');
    expect(page.errors).toEqual([]);
    await context.close();

    const offline = await open();
    await go(offline.page, { name: 'customer', guid: featured.customerGuid, tab: 'custom-actions' });
    await offline.page.getByText('You are offline.').waitFor();
    expect(await offline.page.getByLabel('Service definition').isDisabled()).toBe(true);
    await shot(offline.page, 'actions-offline');
    await offline.context.close();
  }, 120_000);

  it("says why the server refused a change in Swedish on the form's banner, the server's own words apart, as the Pending page does", async () => {
    // Stored as push stores it: the sync layer's English sentence, word for word, and the server's problem document.
    const stored = 'This customer was deleted on the server after you edited it; your changes are kept here: discard them, or re-create it';
    const { context, page } = await open({
      locale: 'sv-SE',
      refusal: {
        kind: 'not-found', status: 404, operation: 'updateCustomer', message: stored,
        problem: { title: 'Not Found', status: 404, detail: 'No customer with this GUID' },
      },
    });
    await go(page, { name: 'customer-edit', guid: refused.customerGuid });
    const banner = page.getByRole('alert').filter({ hasText: 'Servern avvisade ändringen' });
    await banner.waitFor();
    // The catalogue's sentence, and the server's words as they came, each on a line of its own.
    await banner.getByText('Posten togs bort på servern efter att du ändrade den. Dina ändringar finns kvar här: släng dem eller skapa posten igen.', { exact: true }).waitFor();
    await banner.getByText('Not Found: No customer with this GUID', { exact: true }).waitFor();
    const said = await banner.textContent() ?? '';
    for (const english of [stored, 'deleted on the server', 'The server refused']) expect(said, english).not.toContain(english);
    await shot(page, 'edit-customer-refused-sv');

    // The Pending changes page says the same sentence for the same entry.
    await go(page, { name: 'pending' });
    await page.getByRole('heading', { level: 1, name: 'Väntande ändringar' }).waitFor();
    await page.getByText('Posten togs bort på servern efter att du ändrade den. Dina ändringar finns kvar här: släng dem eller skapa posten igen.').first().waitFor();
    expect(page.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('speaks Swedish in the forms, the schema messages included', async () => {
    const { context, page } = await open({ locale: 'sv-SE' });
    await go(page, { name: 'customer-new' });
    await page.getByRole('radio', { name: /Person/u }).check();
    await page.getByLabel('E-post').fill('anna@');
    await page.getByLabel('Födelsedatum').fill('1985-04-12');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('#new-customer-email-error').textContent()).toContain('Inte en e-postadress');
    await expect.poll(() => page.locator('#new-customer-fullName-error').textContent()).toContain('för- och efternamn');
    await page.evaluate(() => document.getElementById('main')?.scrollTo(0, 0));
    await shot(page, 'new-customer-sv');
    expect(page.errors).toEqual([]);
    await context.close();
  }, 120_000);
});
