import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProfile } from '../../shared/profiles';
import { en, type MessageKey } from '../../renderer/src/i18n/en';
import { sv } from '../../renderer/src/i18n/sv';
import { launchBrowser, serveBuiltRenderer, type StaticServer, type TestBrowser } from '../support/browser-page';

/*
 * What the app says when something goes wrong where no form is involved: the start-up screen
 * when opening fails, and the sync status pill's tooltip when a sync stops. Both in the user's
 * language, with the technical words kept for support but out of the way. The built renderer
 * in Debian's Chromium, with a scripted stand-in for the preload's bridge (as
 * test/ui/pending.e2e.test.ts), the language chosen as a user's earlier choice is remembered.
 */

const WAIT_MS = 20_000;

let server: StaticServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await serveBuiltRenderer();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const catalogues = { en, sv } as const;
type Language = keyof typeof catalogues;
const say = (language: Language, key: MessageKey): string => catalogues[language][key] as string;

interface Scenario {
  language: Language;
  /** What profiles.list answers: the Demo profile, an answer of the wrong shape (start-up throws), or main's failure. */
  profiles: 'demo' | 'malformed' | 'failed';
  /** What every API call answers. */
  apiFailure: { kind: string; message: string; status?: number; problem?: Record<string, unknown> };
  profile: typeof demoProfile;
}

/** The preload's bridge, played by a script (self-contained: Playwright serializes it into the page). */
function fakeBridge(s: Scenario): void {
  localStorage.setItem('fieldbook.language', s.language);
  const ok = (value: unknown) => ({ ok: true, value });
  const fail = (failure: unknown) => ({ ok: false, failure });
  const profile = s.profile;
  const answers: Record<string, () => unknown> = {
    'app.info': () => ok({ version: '0.1.0', platform: 'linux', locale: navigator.language }),
    'profiles.list': () => (s.profiles === 'malformed' ? ok({ activeId: profile.id })
      : s.profiles === 'failed' ? fail({ kind: 'internal', message: 'EACCES: permission denied, open \'/home/field/.config/Fieldbook/profiles.json\'' })
        : ok({ profiles: [profile], activeId: profile.id })),
    'connectivity.check': () => ok({ state: 'online', profileId: profile.id }),
    'api.call': () => fail(s.apiFailure),
    'journal.read': () => ok({ entries: [], notes: [] }),
    'journal.append': () => ok({ live: 0 }),
    'journal.clear': () => ok({ cleared: 0 }),
  };
  Object.defineProperty(window, 'fieldbook', {
    value: Object.freeze({
      invoke: async (channel: string) => (answers[channel] ?? (() => fail({ kind: 'internal', message: 'not in this test' })))(),
      on: () => () => undefined,
    }),
  });
}

async function open(parts: Partial<Scenario>): Promise<Page & { errors: string[] }> {
  const scenario: Scenario = { language: 'en', profiles: 'demo', apiFailure: { kind: 'network', message: 'The server could not be reached.' }, profile: demoProfile, ...parts };
  const page = (await browser.context.newPage()) as Page & { errors: string[] };
  page.setDefaultTimeout(WAIT_MS);
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/favicon|Failed to load resource/u.test(message.text())) page.errors.push(message.text());
  });
  await page.addInitScript(fakeBridge, scenario);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${server.origin}/index.html`);
  return page;
}

describe('the start-up screen when opening fails', () => {
  it('says in Swedish what happened and what to do; the error itself is folded away under "technical details" for support', async () => {
    const page = await open({ language: 'sv', profiles: 'malformed' });
    const screen = page.getByRole('main');
    await screen.getByRole('heading', { name: say('sv', 'boot.error.title') }).first().waitFor();
    await screen.getByText(say('sv', 'boot.unexpected'), { exact: false }).waitFor();
    await screen.getByRole('button', { name: say('sv', 'boot.retry') }).waitFor();

    // The error's own English words are not what the user reads: they wait, closed, under the explanation.
    const details = screen.locator('details');
    expect(await details.locator('summary').innerText()).toBe(say('sv', 'ui.technicalDetails'));
    expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    expect(await screen.innerText()).not.toMatch(/Cannot read properties/u);
    await details.locator('summary').click();
    expect(await details.locator('pre').innerText()).toMatch(/^TypeError: Cannot read properties of undefined \(reading 'find'\)/u);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('profiles main cannot read: said in English, main\'s own words kept under the details; Try again asks again', async () => {
    const page = await open({ language: 'en', profiles: 'failed' });
    const screen = page.getByRole('main');
    await screen.getByText(say('en', 'boot.profilesUnreadable'), { exact: false }).waitFor();
    expect(await screen.innerText()).not.toContain('EACCES');
    await screen.locator('details summary').click();
    expect(await screen.locator('details pre').innerText()).toBe('EACCES: permission denied, open \'/home/field/.config/Fieldbook/profiles.json\'');
    await screen.getByRole('button', { name: say('en', 'boot.retry') }).click();
    await screen.getByText(say('en', 'boot.profilesUnreadable'), { exact: false }).waitFor();
    expect(page.errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('the sync status pill when a sync stops', () => {
  it('tells a Swedish user in Swedish, and follows the language when it is switched', async () => {
    const page = await open({
      language: 'sv',
      apiFailure: { kind: 'server', status: 503, message: 'The server had a problem (HTTP 503).', problem: { title: 'Service Unavailable', status: 503 } },
    });
    const pill = page.getByRole('group', { name: say('sv', 'status.label') }).locator('.pill');
    await expect.poll(() => pill.getAttribute('title'), { timeout: WAIT_MS }).toBe(
      'Inte synkad än\nServern fick ett fel (HTTP 503: Service Unavailable). Dina ändringar finns kvar; synken görs om.',
    );

    // The same report, in English once the user picks English: the pill says a key, not a sentence.
    await page.getByRole('button', { name: say('sv', 'appearance.label') }).click();
    await page.locator('#appearance-panel').getByRole('combobox').selectOption('en');
    const english = page.getByRole('group', { name: say('en', 'status.label') }).locator('.pill');
    await expect.poll(() => english.getAttribute('title'), { timeout: WAIT_MS }).toBe(
      'Not synced yet\nThe server had a problem (HTTP 503: Service Unavailable). Your changes are kept; the sync is tried again.',
    );
    expect(page.errors).toEqual([]);
    await page.close();
  }, 60_000);
});
