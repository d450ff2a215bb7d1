import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProfile, type ConnectionProfile } from '../../shared/profiles';
import { en, type MessageKey } from '../../renderer/src/i18n/en';
import { sv } from '../../renderer/src/i18n/sv';
import { launchBrowser, serveBuiltRenderer, type StaticServer, type TestBrowser } from '../support/browser-page';

/*
 * What Settings says when main fails: the profiles cannot be read, whether a profile's secrets
 * are set cannot be read, a secret or a profile is not saved, switching to a profile does not
 * happen, the test connection fails. Each is a sentence in the user's language, by the kind of
 * failure; main's own words (English, technical: a file path, an address, an error code) are
 * not what the user reads, but wait, closed, under "Technical details" for support. The built
 * renderer in Debian's Chromium with a scripted stand-in for the preload's bridge (as
 * test/ui/messages.e2e.test.ts), so that each channel can fail as main would make it fail.
 */

const root = resolve(import.meta.dirname, '../..');
const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const WAIT_MS = 20_000;

let server: StaticServer;
let browser: TestBrowser;

beforeAll(async () => {
  mkdirSync(join(root, 'test-results/screenshots'), { recursive: true });
  server = await serveBuiltRenderer();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const catalogues = { en, sv } as const;
type Language = keyof typeof catalogues;

/** A sentence as a user of `language` reads it, from the app's own catalogues. */
function say(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  const message = catalogues[language][key] as string | { one: string; other: string };
  const text = typeof message === 'string' ? message : new Intl.PluralRules(language).select(Number(params['count'] ?? 0)) === 'one' ? message.one : message.other;
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

const tenant: ConnectionProfile = {
  id: '7b0c8b5e-2f0e-4c1e-9a51-3d7b9a2f4e10',
  name: 'Nordbank production',
  kind: 'aptic',
  baseUrl: 'https://gateway.nordbank.example/APIGW',
  authMode: 'oauth2',
  clientId: 'fieldbook',
  apiKeyHeader: 'X-API-Key',
  downloadScope: '',
};

/** Main's failures, word for word as main sends them. */
const mainSays = {
  profilesUnreadable: { kind: 'internal', message: 'EACCES: permission denied, open \'/home/field/.config/Fieldbook/profiles.json\'' },
  vaultLocked: { kind: 'vault-unavailable', message: 'The client secret cannot be read: the Secret Service (org.freedesktop.secrets) did not answer over D-Bus.' },
  vaultMissing: { kind: 'vault-unavailable', message: 'The client secret cannot be saved. Secrets cannot be stored on this computer: libsecret-1.so.0 was not found.' },
  unknownProfile: { kind: 'invalid-request', message: 'The request was not valid: id: Unknown profile 7b0c8b5e.' },
  internal: { kind: 'internal', message: 'Something went wrong in Fieldbook. The details are in the log; please report it.' },
  unreachable: { kind: 'network', message: 'The server could not be reached: connect ECONNREFUSED 10.20.30.40:443 (gateway.nordbank.example).' },
} as const;

interface Scenario {
  language: Language;
  /** The channels that fail, with main's failure; every other one answers. */
  failures: Partial<Record<string, { kind: string; message: string }>>;
  tenant: ConnectionProfile;
  demo: ConnectionProfile;
}

/** The preload's bridge, played by a script (self-contained: Playwright serializes it into the page). */
function fakeBridge(s: Scenario): void {
  localStorage.setItem('fieldbook.language', s.language);
  // Hold the sync loop: the app's start-up sync has nothing to do with this test.
  void navigator.locks.request('fieldbook-sync', () => new Promise(() => undefined));
  const demo = s.demo;
  const ok = (value: unknown) => ({ ok: true, value });
  const fail = (failure: unknown) => ({ ok: false, failure });
  const backend = { kind: 'keytar', detail: 'GNOME Keyring', unprotectedAllowed: false };
  let lists = 0;
  const answers: Record<string, (args: Record<string, unknown>) => unknown> = {
    'app.info': () => ok({ version: '0.1.0', platform: 'linux', locale: navigator.language }),
    // The first read is start-up's; Settings reads again when it opens.
    'profiles.list': () => (++lists > 1 && s.failures['profiles.list'] ? fail(s.failures['profiles.list']) : ok({ profiles: [demo, s.tenant], activeId: demo.id })),
    'profiles.update': (args) => ok({ ...s.tenant, ...(args['input'] as object), id: s.tenant.id }),
    'profiles.activate': () => ok(s.tenant),
    'profiles.test': () => ok({ latencyMs: 12 }),
    'credentials.status': (args) => ok({ clientSecret: false, apiKey: false, builtIn: args['profileId'] === demo.id, backend }),
    'credentials.set': () => ok({ clientSecret: true, apiKey: false, builtIn: false, backend }),
    'connectivity.check': () => ok({ state: 'offline', profileId: demo.id }),
    'api.call': () => fail({ kind: 'network', message: 'The server could not be reached.' }),
    'journal.read': () => ok({ entries: [], notes: [] }),
    'journal.append': () => ok({ live: 0 }),
    'journal.clear': () => ok({ cleared: 0 }),
  };
  Object.defineProperty(window, 'fieldbook', {
    value: Object.freeze({
      invoke: async (channel: string, args: Record<string, unknown> = {}) => {
        const failure = channel === 'profiles.list' ? undefined : s.failures[channel];
        if (failure && (channel !== 'credentials.status' || args['profileId'] === s.tenant.id)) return fail(failure);
        return (answers[channel] ?? (() => fail({ kind: 'internal', message: 'not in this test' })))(args);
      },
      on: () => () => undefined,
    }),
  });
}

type TestPage = Page & { errors: string[] };

async function open(language: Language, failures: Scenario['failures']): Promise<TestPage> {
  const page = (await browser.context.newPage()) as TestPage;
  page.setDefaultTimeout(WAIT_MS);
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/favicon|Failed to load resource/u.test(message.text())) page.errors.push(message.text());
  });
  await page.addInitScript(fakeBridge, { language, failures, tenant, demo: demoProfile } satisfies Scenario);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`${server.origin}/index.html#/settings`);
  await page.getByRole('heading', { level: 1, name: say(language, 'nav.settings') }).waitFor();
  return page;
}

/** Settings, with the tenant profile chosen in the list. */
async function chooseTenant(page: Page, language: Language): Promise<Locator> {
  await page.getByRole('navigation', { name: say(language, 'settings.profiles.title') }).getByRole('button', { name: /^Nordbank production/u }).click();
  await page.getByRole('heading', { level: 2, name: tenant.name }).waitFor();
  return page.locator('section.detail');
}

/**
 * The failure shown in `where`: its sentence reads `sentence` and none of main's words; main's
 * words are under a closed "Technical details", and are there when it is opened.
 */
async function expectFailure(where: Locator, language: Language, sentence: string, main: { message: string }): Promise<void> {
  await where.getByText(sentence, { exact: false }).first().waitFor();
  expect(await where.innerText()).not.toContain(main.message);
  const details = where.locator('details').filter({ hasText: main.message });
  expect(await details.locator('summary').innerText()).toBe(say(language, 'ui.technicalDetails'));
  expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
  await details.locator('summary').click();
  expect(await details.locator('pre').innerText()).toBe(main.message);
  await details.locator('summary').click();
}

async function accessibilityProblems(page: Page, selector: string): Promise<string[]> {
  // Evaluated over the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(axeSource);
  return page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document.querySelector(within), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  }, selector);
}

describe('Settings says what main refused in the user\'s language', () => {
  it('profiles main cannot read: the reason in Swedish under the heading, main\'s words (a path) under the details', async () => {
    const page = await open('sv', { 'profiles.list': mainSays.profilesUnreadable });
    const card = page.locator('.card').filter({ has: page.getByRole('heading', { level: 2, name: say('sv', 'settings.loadError') }) });
    await expectFailure(card, 'sv', say('sv', 'settings.failure.internal'), mainSays.profilesUnreadable);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a profile whose secrets, switch, save and test all fail: each said in Swedish by its kind, and in English once the user switches', async () => {
    const page = await open('sv', {
      'credentials.status': mainSays.vaultLocked,
      'profiles.activate': mainSays.unknownProfile,
      'profiles.update': mainSays.internal,
      'profiles.test': mainSays.unreachable,
    });
    const detail = await chooseTenant(page, 'sv');
    const credentials = detail.locator('#credentials');
    await expectFailure(credentials, 'sv', `${say('sv', 'settings.failed.secretStatus')} ${say('sv', 'settings.failure.vault')}`, mainSays.vaultLocked);

    await detail.getByRole('button', { name: say('sv', 'settings.profile.switch') }).click();
    const banner = detail.getByRole('alert').filter({ hasText: say('sv', 'settings.failed.switch') });
    await expectFailure(banner, 'sv', `${say('sv', 'settings.failed.switch')} ${say('sv', 'settings.failure.refused')}`, mainSays.unknownProfile);

    const form = detail.locator(`#profile-${tenant.id}-form`);
    await form.getByLabel(say('sv', 'settings.field.name'), { exact: true }).fill('Nordbank test');
    await form.getByRole('button', { name: say('sv', 'settings.form.save'), exact: true }).click();
    await expectFailure(form, 'sv', `${say('sv', 'settings.failed.save')} ${say('sv', 'settings.failure.internal')}`, mainSays.internal);

    await detail.getByRole('button', { name: say('sv', 'settings.test.button') }).click();
    const test = detail.getByRole('status').filter({ hasText: say('sv', 'settings.test.network') });
    await expectFailure(test, 'sv', say('sv', 'settings.test.network'), mainSays.unreachable);
    await page.screenshot({ path: join(root, 'test-results/screenshots/settings-failures-sv.png'), fullPage: true });
    expect(await accessibilityProblems(page, 'section.detail')).toEqual([]);

    // The same failures, in English once the user picks English: they are said, not stored as sentences.
    await page.getByRole('region', { name: say('sv', 'settings.appearance.title') }).getByText('English', { exact: true }).click();
    await detail.getByText(`${say('en', 'settings.failed.secretStatus')} ${say('en', 'settings.failure.vault')}`).waitFor();
    await detail.getByText(`${say('en', 'settings.failed.switch')} ${say('en', 'settings.failure.refused')}`).waitFor();
    await detail.getByText(`${say('en', 'settings.failed.save')} ${say('en', 'settings.failure.internal')}`).waitFor();
    await detail.getByText(say('en', 'settings.test.network'), { exact: true }).waitFor();
    expect(await detail.innerText()).not.toContain(say('sv', 'settings.failed.save'));
    expect(page.errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a secret main cannot store: said in Swedish by its kind, the typed secret never in the message', async () => {
    const page = await open('sv', { 'credentials.set': mainSays.vaultMissing });
    const detail = await chooseTenant(page, 'sv');
    const credentials = detail.locator('#credentials');
    const row = credentials.locator('.secrets li', { hasText: say('sv', 'settings.secret.clientSecret') });
    await row.getByRole('button', { name: say('sv', 'settings.secret.setButton') }).click();
    await credentials.getByLabel(say('sv', 'settings.secret.clientSecret'), { exact: true }).fill('typed-client-secret-9');
    await row.getByRole('button', { name: say('sv', 'settings.secret.save') }).click();
    await expectFailure(credentials, 'sv', `${say('sv', 'settings.failed.secretSave')} ${say('sv', 'settings.failure.vault')}`, mainSays.vaultMissing);
    expect(await credentials.getByRole('alert').innerText()).not.toContain('typed-client-secret-9');
    expect(page.errors).toEqual([]);
    await page.close();
  }, 60_000);
});
