import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createCredentialVault, DEFAULT_SECRETS_FILE, DEFAULT_VAULT_SETTINGS_FILE, type CredentialVaultOptions,
} from '../../electron/credentials';
import { fakeSafeStorage, missingKeytar } from './fake-safe-storage';

// The vault's "allow unprotected storage" setting (the Settings switch): off unless the user
// turned it on, remembered in its own private file, applied without a restart, and when turned
// off it deletes what was stored unprotected. A protected store never depends on it.

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fieldbook-vault-setting-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const vaultWith = (options: Partial<CredentialVaultOptions> = {}) =>
  createCredentialVault({ dataDir, platform: 'linux', loadKeytar: missingKeytar, ...options });
const settingsFile = () => join(dataDir, DEFAULT_VAULT_SETTINGS_FILE);

describe('the allow-unprotected-storage setting', () => {
  it('is off by default, and reading it writes nothing', async () => {
    const vault = vaultWith({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }) });
    expect(await vault.backend()).toMatchObject({ kind: 'unavailable', unprotectedAllowed: false });
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('turned on, takes effect at once and survives a restart; turned off, deletes the unprotected secrets', async () => {
    const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
    const vault = vaultWith({ safeStorage });
    await expect(vault.set('p1', 'apiKey', 'key-1')).rejects.toThrow(/cannot be saved/u);

    expect(await vault.allowUnprotected(true)).toMatchObject({ kind: 'safeStorage', insecure: true, unprotectedAllowed: true });
    await vault.set('p1', 'apiKey', 'key-1');
    expect((await stat(settingsFile())).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toEqual({ format: 'fieldbook-vault-settings', version: 1, allowUnprotectedStorage: true });

    const restarted = vaultWith({ safeStorage });
    expect(await restarted.backend()).toMatchObject({ kind: 'safeStorage', insecure: true, unprotectedAllowed: true });
    expect(await restarted.get('p1', 'apiKey')).toBe('key-1');

    expect(await restarted.allowUnprotected(false)).toMatchObject({ kind: 'unavailable', unprotectedAllowed: false });
    expect((await readdir(dataDir)).sort()).toEqual([DEFAULT_VAULT_SETTINGS_FILE]);
    expect(await restarted.get('p1', 'apiKey')).toBeNull();
    // The start-up default of the option no longer decides once the user has chosen.
    expect(await vaultWith({ safeStorage, allowInsecureBasicText: true }).backend()).toMatchObject({ kind: 'unavailable', unprotectedAllowed: false });
  });

  it('never touches a protected store: an OS-protected file keeps its secrets whatever the setting', async () => {
    const safeStorage = fakeSafeStorage({ backend: 'gnome_libsecret' });
    const vault = vaultWith({ safeStorage });
    await vault.set('p1', 'clientSecret', 'kept-secret');
    expect(await vault.allowUnprotected(true)).toMatchObject({ kind: 'safeStorage', unprotectedAllowed: true });
    expect(await vault.allowUnprotected(false)).toMatchObject({ kind: 'safeStorage', unprotectedAllowed: false });
    expect((await vault.backend()).insecure).toBeUndefined();
    expect(await vault.get('p1', 'clientSecret')).toBe('kept-secret');
    expect(await readdir(dataDir)).toContain(DEFAULT_SECRETS_FILE);
  });

  it.each([
    ['not JSON', '{ allowUnprotectedStorage: true'],
    ['another format', JSON.stringify({ allowUnprotectedStorage: true })],
    ['a truthy non-boolean', JSON.stringify({ format: 'fieldbook-vault-settings', version: 1, allowUnprotectedStorage: 'yes' })],
  ])('reads a damaged or foreign settings file (%s) as off', async (_, content) => {
    await writeFile(settingsFile(), content);
    const vault = vaultWith({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), allowInsecureBasicText: true });
    expect(await vault.backend()).toMatchObject({ kind: 'unavailable', unprotectedAllowed: false });
  });
});
