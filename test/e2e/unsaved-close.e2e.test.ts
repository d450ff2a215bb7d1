import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import type { BridgeResult } from '../../shared/ipc';
import { demoProfile, type ConnectionProfile } from '../../shared/profiles';
import { launchBrowser, openBridgedPage, type BridgedPage, type TestBrowser } from '../support/browser-page';
import { CUSTOMERS, SEED, WAIT_MS, eventually, go, navLink, outboxEntries, rendererDir, statusText, t, waitForFirstSync } from './harness';

/*
 * Closing the window (or quitting, or reloading) with unsaved typing in a form. The built
 * renderer in Debian's Chromium with the real bridge, as the journeys run it; the user closes
 * the page as a window closes, running its beforeunload (`page.close({ runBeforeUnload: true })`).
 * Where the page holds unsaved input, Chromium raises its beforeunload question (in Electron,
 * main gets `will-prevent-unload` and asks natively: test/shell/unload-guard.test.ts); where it
 * does not, the page simply closes. Each case closes its page, so each opens a fresh one (a new
 * origin: an empty cache, filled by the first sync). Settings' forms (a connection profile, a
 * secret typed into the credentials panel) take part as the customer forms do.
 */

let sandbox: Sandbox;
let browser: TestBrowser;
const apps: BridgedPage[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ customers: CUSTOMERS, seed: SEED, onError: (error) => console.error('sandbox:', error) });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  for (const app of apps) await app.close().catch(() => undefined);
  await browser?.close();
  await sandbox?.close();
});

/** A refused connection, as undici reports it: the API client classifies it as "never sent". */
function refused(): Promise<never> {
  return Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), { code: 'ECONNREFUSED' }) }));
}

interface App {
  readonly page: Page;
  readonly bridged: BridgedPage;
  /** Uncaught exceptions and console errors of the page: each case ends with none. */
  readonly problems: string[];
  /** Cuts the network, and lets the main process notice. */
  goOffline(): Promise<void>;
}

async function openApp(): Promise<App> {
  let offline = false;
  const problems: string[] = [];
  const bridged = await openBridgedPage(browser, { dir: rendererDir, dispose: async () => undefined }, {
    sandbox,
    client: { fetch: (input, init) => (offline ? refused() : fetch(input, init)) },
    console: (type, text) => {
      // A plain web server is asked for /favicon.ico by the browser itself; Electron's app:// never is.
      if (type === 'error' && !/favicon|Failed to load resource: the server responded with a status of 404/u.test(text)) problems.push(text);
    },
  });
  apps.push(bridged);
  const { page } = bridged;
  page.setDefaultTimeout(WAIT_MS);
  await page.setViewportSize({ width: 1440, height: 900 });
  await waitForFirstSync(page);
  return {
    page,
    bridged,
    problems,
    async goOffline() {
      offline = true;
      await bridged.main.session.check();
      await statusText(page, t('status.offline')).waitFor();
    },
  };
}

/**
 * The user closes the window: the question the page raised (left for the caller to answer), or
 * null when it closed without asking.
 */
async function closeWindow(page: Page): Promise<Dialog | null> {
  const asked = page.waitForEvent('dialog').then((dialog) => dialog, () => null);
  const closed = page.waitForEvent('close').then(() => null, () => null);
  await page.close({ runBeforeUnload: true });
  return Promise.race([asked, closed]);
}

/**
 * Closes the window, which must ask first (beforeunload), and answers: Leave closes it, Stay
 * keeps it open.
 */
async function closeAnswering(page: Page, answer: 'leave' | 'stay'): Promise<void> {
  const question = await closeWindow(page);
  expect(question?.type()).toBe('beforeunload');
  if (answer === 'stay') {
    await question!.dismiss();
    expect(page.isClosed()).toBe(false);
    return;
  }
  const closed = page.waitForEvent('close');
  await question!.accept();
  await closed;
  expect(page.isClosed()).toBe(true);
}

/** A person with an e-mail address, and the page to edit them. */
async function editCustomer(page: Page): Promise<{ guid: string; email: string }> {
  const record = sandbox.store.ordered().find((r) => r.customer.juridicalType === 0 && r.customer.email)!;
  const { customerGuid: guid, fullName, email } = record.customer;
  await go(page, { name: 'customer-edit', guid });
  await page.getByRole('heading', { level: 1, name: t('form.customer.editTitle', { name: fullName ?? '' }) }).waitFor();
  await eventually(() => page.getByLabel(t('field.email'), { exact: true }).inputValue()).toBe(email);
  return { guid, email: email ?? '' };
}

describe('closing the window with unsaved input', () => {
  it('asks before a page form with unsaved typing is closed; staying keeps the typing', async () => {
    const { page, problems } = await openApp();
    await editCustomer(page);
    const field = page.getByLabel(t('field.email'), { exact: true });
    await field.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('not.saved.yet@example.se');

    await closeAnswering(page, 'stay');
    // Stayed: the window and what was typed are still there.
    expect(await field.inputValue()).toBe('not.saved.yet@example.se');
    await page.close();
    expect(problems).toEqual([]);
  }, 90_000);

  it('asks for a form in a dialog too (a new address); leaving closes the window', async () => {
    const { page, problems } = await openApp();
    const record = sandbox.store.ordered().find((r) => r.customer.juridicalType === 1)!;
    await go(page, { name: 'customer', guid: record.customer.customerGuid, tab: 'addresses' });
    await page.getByRole('button', { name: t('form.address.add') }).first().click();
    const dialog = page.getByRole('dialog', { name: t('form.address.newTitle') });
    await dialog.getByLabel(t('address.street'), { exact: true }).fill('Storgatan');
    await page.keyboard.type(' 7');

    await closeAnswering(page, 'leave');
    expect(problems).toEqual([]);
  }, 90_000);

  it('closes without asking once the form is saved: the edit is queued in the outbox and its journal', async () => {
    const app = await openApp();
    const { page } = app;
    // Offline, so the saved edit stays queued (online, the sync would send it at once).
    await app.goOffline();
    const { guid } = await editCustomer(page);
    const field = page.getByLabel(t('field.email'), { exact: true });
    await field.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('saved.offline@example.se');
    await page.getByRole('button', { name: t('form.save'), exact: true }).click();
    await page.getByText('saved.offline@example.se', { exact: true }).first().waitFor();
    expect(await outboxEntries(page)).toEqual([expect.objectContaining({ op: 'update', entity: 'customer' })]);

    expect(await closeWindow(page)).toBeNull();
    expect(page.isClosed()).toBe(true);
    // Nothing lost: main's journal holds the queued edit for the next start.
    const journal = await app.bridged.main.journal.read(demoProfile.id);
    expect(journal.entries).toEqual([expect.objectContaining({ op: 'update', customerGuid: guid, body: expect.objectContaining({ email: 'saved.offline@example.se' }) })]);
    expect(app.problems).toEqual([]);
  }, 90_000);

  it('closes without asking when the form holds nothing new (typed, then typed back)', async () => {
    const { page, problems } = await openApp();
    const { email } = await editCustomer(page);
    const field = page.getByLabel(t('field.email'), { exact: true });
    await field.click();
    await page.keyboard.press('End');
    await page.keyboard.type('x');
    await page.keyboard.press('Backspace');
    expect(await field.inputValue()).toBe(email);

    expect(await closeWindow(page)).toBeNull();
    expect(page.isClosed()).toBe(true);
    expect(problems).toEqual([]);
  }, 90_000);
});

/** A tenant profile (not the active one) made in main, as if created earlier; Settings reads it when opened. */
async function tenantProfile(app: App): Promise<ConnectionProfile> {
  const input = { name: 'Nordbank production', kind: 'aptic', baseUrl: 'https://gateway.nordbank.example/APIGW', authMode: 'oauth2', clientId: 'fieldbook' };
  const result = (await app.bridged.main.bridge.invoke('profiles.create', { input }, { url: app.bridged.url })) as BridgeResult<ConnectionProfile>;
  if (!result.ok) throw new Error(`profiles.create: ${JSON.stringify(result.failure)}`);
  return result.value;
}

/** Settings, with `name` chosen in the list of profiles. */
async function openProfile(page: Page, name: string): Promise<void> {
  await navLink(page, 'nav.settings').click();
  await page.getByRole('navigation', { name: t('settings.profiles.title') }).getByRole('button', { name: new RegExp(`^${name}`, 'u') }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

/** What the page keeps outside its form fields that a script could read: its web storage. */
const webStorage = (page: Page): Promise<string> => page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));

describe('closing the window with unsaved input in Settings', () => {
  it('asks while a secret is typed into the credentials panel and not saved; once it is saved, closes without asking', async () => {
    const app = await openApp();
    const { page } = app;
    const tenant = await tenantProfile(app);
    await openProfile(page, tenant.name);
    const row = page.locator('.secrets li', { hasText: t('settings.secret.clientSecret') });
    await row.getByRole('button', { name: t('settings.secret.setButton') }).click();
    const secret = page.getByLabel(t('settings.secret.clientSecret'), { exact: true });
    await secret.fill('typed-but-not-saved-1');

    await closeAnswering(page, 'stay');
    // Stayed: the secret is still in its field, and only there.
    expect(await secret.inputValue()).toBe('typed-but-not-saved-1');
    expect(await webStorage(page)).not.toContain('typed-but-not-saved-1');

    // Saved into the vault: nothing typed is left to lose.
    await row.getByRole('button', { name: t('settings.secret.save') }).click();
    await page.getByRole('status').filter({ hasText: t('settings.secret.saved', { secret: t('settings.secret.clientSecret') }) }).waitFor();
    expect(await app.bridged.main.bridge.invoke('credentials.status', { profileId: tenant.id }, { url: app.bridged.url })).toMatchObject({ ok: true, value: { clientSecret: true } });
    expect(await closeWindow(page)).toBeNull();
    expect(page.isClosed()).toBe(true);
    expect(app.problems).toEqual([]);
  }, 90_000);

  it('asks while the connection profile form holds an unsaved change; once saved, closes without asking', async () => {
    const app = await openApp();
    const { page } = app;
    const tenant = await tenantProfile(app);
    await openProfile(page, tenant.name);
    const form = page.locator(`#profile-${tenant.id}-form`);
    const name = form.getByLabel(t('settings.field.name'), { exact: true });
    await name.fill('Nordbank test');

    await closeAnswering(page, 'stay');
    expect(await name.inputValue()).toBe('Nordbank test');

    // Saved: main has it, and closing loses nothing.
    await form.getByRole('button', { name: t('settings.form.save'), exact: true }).click();
    // (The list reloads the profile: its heading, and main, have the new name.)
    await page.getByRole('heading', { level: 2, name: 'Nordbank test' }).waitFor();
    expect(await app.bridged.main.bridge.invoke('profiles.list', undefined, { url: app.bridged.url }))
      .toMatchObject({ ok: true, value: { profiles: expect.arrayContaining([expect.objectContaining({ id: tenant.id, name: 'Nordbank test' })]) } });
    expect(await closeWindow(page)).toBeNull();
    expect(page.isClosed()).toBe(true);
    expect(app.problems).toEqual([]);
  }, 90_000);

  it('a new profile asks once anything is typed, a secret alone too; leaving closes the window', async () => {
    const { page, problems } = await openApp();
    await navLink(page, 'nav.settings').click();
    await page.getByRole('button', { name: t('settings.profiles.new') }).click();
    const form = page.getByRole('region', { name: t('settings.profiles.newTitle') });
    await form.getByLabel(t('settings.secret.clientSecret'), { exact: true }).fill('typed-but-not-saved-2');
    expect(await webStorage(page)).not.toContain('typed-but-not-saved-2');

    await closeAnswering(page, 'leave');
    expect(problems).toEqual([]);
  }, 90_000);

  it('an untouched new-profile form, or one cancelled, does not hold the window', async () => {
    const { page, problems } = await openApp();
    await navLink(page, 'nav.settings').click();
    await page.getByRole('button', { name: t('settings.profiles.new') }).click();
    const form = page.getByRole('region', { name: t('settings.profiles.newTitle') });
    await form.getByLabel(t('settings.field.name'), { exact: true }).fill('Half a profile');
    await form.getByRole('button', { name: t('pending.cancel') }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: t('settings.profiles.new') }).click();
    await form.getByLabel(t('settings.field.name'), { exact: true }).waitFor();

    expect(await closeWindow(page)).toBeNull();
    expect(page.isClosed()).toBe(true);
    expect(problems).toEqual([]);
  }, 90_000);
});
