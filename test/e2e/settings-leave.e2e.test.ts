import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionProfile } from '../../shared/profiles';
import { eventually, literally, navLink, t } from './harness';
import { openSettingsWorld, type SettingsWorld } from './settings-world';

/*
 * Leaving Settings inside the app (a link of the main navigation, a keyboard shortcut, Back)
 * while one of its forms holds input no save has kept: a secret typed into the credentials
 * panel, an edited connection profile. The app asks first, with the same question the customer
 * forms ask ("Discard your changes?"); staying keeps the typing, discarding goes where the user
 * was going. Choosing another profile in the list, or "New profile" (a switch inside the page,
 * no route change), asks the same question. Nothing typed asks nothing. And a saved profile
 * says "Saved." for as long as the user looks at it, also after the list of profiles was read
 * again with the saved values.
 *
 * The built renderer in Debian's Chromium with the real main-process services (settings-world.ts);
 * the vault stores secrets in its encrypted file (no keytar, a protected safeStorage).
 */

let world: SettingsWorld;
let tenant: ConnectionProfile;

beforeAll(async () => {
  world = await openSettingsWorld('settings-leave');
  tenant = await world.value<ConnectionProfile>('profiles.create', {
    input: { name: 'Nordbank production', kind: 'aptic', baseUrl: 'https://gateway.nordbank.example/APIGW', authMode: 'oauth2', clientId: 'fieldbook' },
  });
  await world.page.getByRole('grid', { name: t('customers.list.label') }).waitFor();
}, 90_000);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && world && !world.page.isClosed()) await world.shot('FAILED').catch(() => undefined);
});

afterAll(async () => {
  await world?.close();
});

const question = (page: Page) => page.getByRole('alertdialog', { name: t('form.discard.title') });
const settingsHeading = (page: Page) => page.getByRole('heading', { level: 1, name: t('nav.settings') });

/** Settings, with the profile named `name` chosen in the list. */
async function openProfile(page: Page, name: string): Promise<void> {
  await navLink(page, 'nav.settings').click();
  await settingsHeading(page).waitFor();
  await page.getByRole('navigation', { name: t('settings.profiles.title') }).getByRole('button', { name: new RegExp(`^${literally(name)}`, 'u') }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

/** Focus out of every field, so the app's single-key and Ctrl shortcuts apply (they do not fire while typing). */
const leaveFields = (page: Page): Promise<void> => settingsHeading(page).focus();

describe('Settings: a saved profile', () => {
  it('says "Saved." and keeps saying it once the list has read the saved profile back', async () => {
    const { page } = world;
    await openProfile(page, tenant.name);
    const form = page.locator(`#profile-${tenant.id}-form`);
    await form.getByLabel(t('settings.field.name'), { exact: true }).fill('Nordbank staging');
    await form.getByRole('button', { name: t('settings.form.save'), exact: true }).click();

    // The list read the profiles again: its heading has the saved name (a new object, the same profile)...
    await page.getByRole('heading', { level: 2, name: 'Nordbank staging' }).waitFor();
    await page.getByRole('navigation', { name: t('settings.profiles.title') }).getByRole('button', { name: /^Nordbank staging/u }).waitFor();
    tenant = { ...tenant, name: 'Nordbank staging' };
    // ...and the note is still there to be read.
    const saved = page.getByRole('status').filter({ hasText: t('settings.form.saved') });
    await saved.waitFor();
    await world.shot('saved-note');

    // Choosing another profile is what ends it.
    await page.getByRole('navigation', { name: t('settings.profiles.title') }).getByRole('button', { name: /^Demo/u }).click();
    await saved.waitFor({ state: 'detached' });
    expect(world.problems).toEqual([]);
  }, 90_000);

  it('saving the connection leaves a secret being typed in the credentials panel where it was', async () => {
    const { page } = world;
    await openProfile(page, tenant.name);
    const row = page.locator('.secrets li', { hasText: t('settings.secret.clientSecret') });
    await row.getByRole('button', { name: t('settings.secret.setButton') }).click();
    const secret = page.getByLabel(t('settings.secret.clientSecret'), { exact: true });
    await secret.fill('typed-while-saving');

    const form = page.locator(`#profile-${tenant.id}-form`);
    await form.getByLabel(t('settings.field.name'), { exact: true }).fill('Nordbank test');
    await form.getByRole('button', { name: t('settings.form.save'), exact: true }).click();
    // The list has read the saved profile back (its heading has the new name)...
    await page.getByRole('heading', { level: 2, name: 'Nordbank test' }).waitFor();
    tenant = { ...tenant, name: 'Nordbank test' };
    // ...and the secret is still being typed, in its field.
    expect(await secret.inputValue()).toBe('typed-while-saving');

    // Given up on: nothing is held any more.
    await row.getByRole('button', { name: t('pending.cancel') }).click();
    await secret.waitFor({ state: 'detached' });
    expect(world.problems).toEqual([]);
  }, 90_000);
});

describe('leaving Settings inside the app with unsaved input', () => {
  it('a secret typed into the credentials panel: a link asks; staying keeps it; a shortcut asks again; discarding leaves, nothing stored', async () => {
    const { page } = world;
    await openProfile(page, tenant.name);
    const row = page.locator('.secrets li', { hasText: t('settings.secret.clientSecret') });
    await row.getByRole('button', { name: t('settings.secret.setButton') }).click();
    const secret = page.getByLabel(t('settings.secret.clientSecret'), { exact: true });
    await secret.fill('typed-not-saved-1');

    // A link of the main navigation: asked, and the screen has not changed under the question.
    await navLink(page, 'nav.customers').click();
    await question(page).waitFor();
    await question(page).getByText(t('form.discard.body')).waitFor();
    expect(await settingsHeading(page).count()).toBe(1);
    await world.shot('secret-asked');
    await question(page).getByRole('button', { name: t('form.discard.keep') }).click();
    await question(page).waitFor({ state: 'detached' });
    // Stayed: Settings, its address, and the secret in its field.
    expect(await settingsHeading(page).count()).toBe(1);
    expect(new URL(page.url()).hash).toBe('#/settings');
    expect(await secret.inputValue()).toBe('typed-not-saved-1');

    // Ctrl+N (a new customer): asked again; discarding goes there.
    await leaveFields(page);
    await page.keyboard.press('Control+n');
    await question(page).waitFor();
    await question(page).getByRole('button', { name: t('form.discard.confirm') }).click();
    await page.getByRole('heading', { level: 1, name: t('customers.new') }).waitFor();
    expect(await question(page).count()).toBe(0);
    // Discarded means discarded: the vault holds no client secret.
    expect(await world.value('credentials.status', { profileId: tenant.id })).toMatchObject({ clientSecret: false });
    expect(world.problems).toEqual([]);
  }, 90_000);

  it('an edited connection profile: Back asks; staying keeps the edit; once saved, leaving asks nothing', async () => {
    const { page } = world;
    await openProfile(page, tenant.name);
    const form = page.locator(`#profile-${tenant.id}-form`);
    const address = form.getByLabel(t('settings.field.baseUrl'), { exact: true });
    await address.fill('https://gateway.nordbank.example/APIGW-test');

    // Alt+← (Back), from outside the fields.
    await leaveFields(page);
    await page.keyboard.press('Alt+ArrowLeft');
    await question(page).waitFor();
    await question(page).getByRole('button', { name: t('form.discard.keep') }).click();
    await question(page).waitFor({ state: 'detached' });
    expect(await settingsHeading(page).count()).toBe(1);
    expect(await address.inputValue()).toBe('https://gateway.nordbank.example/APIGW-test');

    // Saved: nothing left to lose, so the link goes at once.
    await form.getByRole('button', { name: t('settings.form.save'), exact: true }).click();
    await page.getByRole('status').filter({ hasText: t('settings.form.saved') }).waitFor();
    await navLink(page, 'nav.pending').click();
    await page.getByRole('heading', { level: 1, name: t('nav.pending') }).waitFor();
    expect(await question(page).count()).toBe(0);
    expect(await world.value<{ profiles: ConnectionProfile[] }>('profiles.list')).toMatchObject({
      profiles: expect.arrayContaining([expect.objectContaining({ id: tenant.id, baseUrl: 'https://gateway.nordbank.example/APIGW-test' })]),
    });
    expect(world.problems).toEqual([]);
  }, 90_000);

  it('choosing another profile in the list: an edited profile asks; staying keeps it; discarding shows the other one, nothing saved', async () => {
    const { page } = world;
    await openProfile(page, tenant.name);
    const list = page.getByRole('navigation', { name: t('settings.profiles.title') });
    const form = page.locator(`#profile-${tenant.id}-form`);
    const address = form.getByLabel(t('settings.field.baseUrl'), { exact: true });
    await address.fill('https://gateway.nordbank.example/APIGW-switched');

    // Another profile in the list (no route change): asked, and the profile shown has not changed under the question.
    await list.getByRole('button', { name: /^Demo/u }).click();
    await question(page).waitFor();
    await question(page).getByText(t('form.discard.body')).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: tenant.name }).count()).toBe(1);
    await world.shot('switch-asked');
    await question(page).getByRole('button', { name: t('form.discard.keep') }).click();
    await question(page).waitFor({ state: 'detached' });
    // Stayed: the same profile, the edit in its field.
    expect(await page.getByRole('heading', { level: 2, name: tenant.name }).count()).toBe(1);
    expect(await address.inputValue()).toBe('https://gateway.nordbank.example/APIGW-switched');

    // Asked again; discarding shows the profile chosen, and the edit was not saved.
    await list.getByRole('button', { name: /^Demo/u }).click();
    await question(page).getByRole('button', { name: t('form.discard.confirm') }).click();
    await page.getByRole('heading', { level: 2, name: 'Demo (sandbox)' }).waitFor();
    expect(await question(page).count()).toBe(0);
    expect(await world.value<{ profiles: ConnectionProfile[] }>('profiles.list')).not.toMatchObject({
      profiles: expect.arrayContaining([expect.objectContaining({ baseUrl: 'https://gateway.nordbank.example/APIGW-switched' })]),
    });

    // Nothing typed: back to the first profile without a question, its saved address shown.
    await list.getByRole('button', { name: new RegExp(`^${literally(tenant.name)}`, 'u') }).click();
    await page.getByRole('heading', { level: 2, name: tenant.name }).waitFor();
    expect(await question(page).count()).toBe(0);
    expect(await address.inputValue()).not.toBe('https://gateway.nordbank.example/APIGW-switched');
    expect(world.problems).toEqual([]);
  }, 90_000);

  it('a secret typed, then another profile or "New profile": asked each time (also after a discard); nothing stored', async () => {
    const { page } = world;
    await openProfile(page, tenant.name);
    const list = page.getByRole('navigation', { name: t('settings.profiles.title') });
    const row = page.locator('.secrets li', { hasText: t('settings.secret.clientSecret') });
    const secret = page.getByLabel(t('settings.secret.clientSecret'), { exact: true });
    await row.getByRole('button', { name: t('settings.secret.setButton') }).click();
    await secret.fill('typed-not-saved-2');

    // "New profile" is a switch too: asked; staying keeps the secret in its field.
    await page.getByRole('button', { name: t('settings.profiles.new') }).click();
    await question(page).waitFor();
    await question(page).getByRole('button', { name: t('form.discard.keep') }).click();
    await question(page).waitFor({ state: 'detached' });
    expect(await page.getByRole('region', { name: t('settings.profiles.newTitle') }).count()).toBe(0);
    expect(await secret.inputValue()).toBe('typed-not-saved-2');

    // Another profile: asked; discarding shows it.
    await list.getByRole('button', { name: /^Demo/u }).click();
    await question(page).getByRole('button', { name: t('form.discard.confirm') }).click();
    await page.getByRole('heading', { level: 2, name: 'Demo (sandbox)' }).waitFor();
    expect(await world.value('credentials.status', { profileId: tenant.id })).toMatchObject({ clientSecret: false });

    // Back, and a secret typed again: what was let go of before does not let this one go unasked.
    await list.getByRole('button', { name: new RegExp(`^${literally(tenant.name)}`, 'u') }).click();
    await page.getByRole('heading', { level: 2, name: tenant.name }).waitFor();
    expect(await question(page).count()).toBe(0);
    await row.getByRole('button', { name: t('settings.secret.setButton') }).click();
    await secret.fill('typed-not-saved-3');
    await list.getByRole('button', { name: /^Demo/u }).click();
    await question(page).waitFor();
    await question(page).getByRole('button', { name: t('form.discard.confirm') }).click();
    await page.getByRole('heading', { level: 2, name: 'Demo (sandbox)' }).waitFor();
    expect(await world.value('credentials.status', { profileId: tenant.id })).toMatchObject({ clientSecret: false });
    expect(world.problems).toEqual([]);
  }, 90_000);

  it('a new profile half typed: the link asks, and discarding leaves; Settings with nothing typed never asks', async () => {
    const { page } = world;
    await navLink(page, 'nav.settings').click();
    await page.getByRole('button', { name: t('settings.profiles.new') }).click();
    const region = page.getByRole('region', { name: t('settings.profiles.newTitle') });
    await region.getByLabel(t('settings.field.name'), { exact: true }).fill('Half a profile');
    await navLink(page, 'nav.customers').click();
    await question(page).waitFor();
    await question(page).getByRole('button', { name: t('form.discard.confirm') }).click();
    await page.getByRole('grid', { name: t('customers.list.label') }).waitFor();
    expect(await world.value<{ profiles: ConnectionProfile[] }>('profiles.list')).not.toMatchObject({
      profiles: expect.arrayContaining([expect.objectContaining({ name: 'Half a profile' })]),
    });

    // Untouched: in and out without a question.
    await navLink(page, 'nav.settings').click();
    await settingsHeading(page).waitFor();
    await page.getByRole('button', { name: t('settings.profiles.new') }).waitFor();
    await navLink(page, 'nav.customers').click();
    await page.getByRole('grid', { name: t('customers.list.label') }).waitFor();
    await eventually(() => question(page).count()).toBe(0);
    expect(world.problems).toEqual([]);
  }, 90_000);
});
