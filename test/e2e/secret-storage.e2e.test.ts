import { readdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECRETS_FILE, DEFAULT_VAULT_SETTINGS_FILE } from '../../electron/credentials';
import type { ConnectionProfile } from '../../shared/profiles';
import { fakeSafeStorage, missingKeytar } from '../credentials/fake-safe-storage';
import { literally, navLink, t } from './harness';
import { openSettingsWorld, type SettingsWorld } from './settings-world';

/*
 * Settings' "allow unprotected storage of secrets" on a Linux computer with neither a keychain
 * (keytar cannot load) nor a keyring for Electron's safeStorage (basic_text): the screen says
 * where secrets are kept (nowhere), the switch is off and explains the risk; turning it on asks
 * for an explicit confirmation (Cancel changes nothing); once on, a client secret can be saved
 * and the screen warns that it is only obfuscated; turning it off again deletes it, after asking.
 */

let world: SettingsWorld;
let profile: ConnectionProfile;

beforeAll(async () => {
  world = await openSettingsWorld('secret-storage', {
    vault: { platform: 'linux', loadKeytar: missingKeytar, safeStorage: fakeSafeStorage({ backend: 'basic_text' }) },
  });
  profile = await world.value<ConnectionProfile>('profiles.create', {
    input: { name: 'Nordbank production', kind: 'aptic', baseUrl: 'https://gateway.nordbank.example/APIGW', authMode: 'oauth2', clientId: 'fieldbook' },
  });
  await world.page.getByRole('grid', { name: t('customers.list.label') }).waitFor();
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && world && !world.page.isClosed()) await world.shot('FAILED').catch(() => undefined);
});

afterAll(async () => {
  await world?.close();
});

describe('Settings: allow unprotected storage of secrets', () => {
  it('is off, says where secrets go and why, takes an explicit confirmation, and deletes them when turned off', async () => {
    const { page } = world;
    await navLink(page, 'nav.settings').click();
    const section = page.getByRole('region', { name: t('settings.storage.title') });
    const toggle = section.getByRole('switch', { name: t('settings.storage.unprotected') });

    // Off by default; the store in use (none) and the risk, in words.
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await section.getByText(new RegExp(`^${literally(t('settings.storage.inUse', { detail: 'Secrets cannot be stored on this computer.' }))}`, 'u')).waitFor();
    await section.getByText(t('settings.vault.unavailable')).waitFor();
    await section.getByText(t('settings.storage.unprotectedHint')).waitFor();
    expect(await toggle.getAttribute('aria-describedby')).toBeTruthy();
    await world.shot('off');

    // The profile's secret cannot be saved yet.
    await page.getByRole('navigation', { name: t('settings.profiles.title') }).getByRole('button', { name: /^Nordbank production/u }).click();
    const secret = page.locator('.secrets li', { hasText: t('settings.secret.clientSecret') });
    await secret.getByRole('button', { name: t('settings.secret.setButton') }).click();
    await page.locator('#secret-clientSecret').fill('typed-client-secret-1');
    await secret.getByRole('button', { name: t('settings.secret.save') }).click();
    await page.getByRole('alert').filter({ hasText: /cannot be saved/u }).waitFor();

    // Turning it on asks first; Cancel changes nothing.
    const confirm = page.getByRole('dialog', { name: t('settings.storage.confirmTitle') });
    await toggle.click();
    await confirm.getByText(t('settings.storage.confirmBody')).waitFor();
    await world.shot('confirm-on');
    await confirm.getByRole('button', { name: t('pending.cancel') }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    expect(await readdir(world.dataDir)).not.toContain(DEFAULT_VAULT_SETTINGS_FILE);
    expect((await world.vault().backend()).kind).toBe('unavailable');

    // Confirmed: on, and the screen now warns that secrets are only obfuscated.
    await toggle.click();
    await confirm.getByRole('button', { name: t('settings.storage.confirmAllow') }).click();
    await section.getByRole('status').filter({ hasText: t('settings.storage.nowOn') }).waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await section.getByText(t('settings.vault.insecure')).waitFor();
    await section.getByText(new RegExp(`^${literally(t('settings.storage.inUse', { detail: 'Unprotected file (safeStorage, basic_text)' }))}`, 'u')).waitFor();
    // The profile's own panel says the same, without leaving the page.
    await page.locator('#credentials').getByText(t('settings.vault.insecure')).waitFor();

    // Now the secret can be saved, and main's vault holds it (obfuscated in a file).
    await secret.getByRole('button', { name: t('settings.secret.setButton') }).click();
    await page.locator('#secret-clientSecret').fill('typed-client-secret-1');
    await secret.getByRole('button', { name: t('settings.secret.save') }).click();
    await page.getByText(t('settings.secret.saved', { secret: t('settings.secret.clientSecret') })).waitFor();
    expect(await world.vault().get(profile.id, 'clientSecret')).toBe('typed-client-secret-1');
    await world.shot('on-secret-saved');

    // Still on after the window starts again (main remembers it).
    await page.reload();
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('true');

    // Turning it off: asked, because the secrets stored unprotected are deleted.
    const off = page.getByRole('dialog', { name: t('settings.storage.offTitle') });
    await toggle.click();
    await off.getByText(t('settings.storage.offBody')).waitFor();
    await world.shot('confirm-off');
    await off.getByRole('button', { name: t('settings.storage.confirmOff') }).click();
    await section.getByRole('status').filter({ hasText: t('settings.storage.nowOff') }).waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await section.getByText(t('settings.vault.unavailable')).waitFor();
    expect(await readdir(world.dataDir)).not.toContain(DEFAULT_SECRETS_FILE);
    expect(await world.vault().has(profile.id, 'clientSecret')).toBe(false);
    await world.shot('off-again');
    expect(world.problems).toEqual([]);
  }, 120_000);
});
