import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createCredentialVault, DEFAULT_SECRETS_FILE, VaultError, VaultUnavailableError, type CredentialVaultOptions,
} from '../../electron/credentials';
import { fakeSafeStorage, missingKeytar } from './fake-safe-storage';

// keytar made unusable (as without libsecret): the vault falls back to a safeStorage-encrypted
// file, refuses safeStorage's unprotected basic_text unless allowed, and otherwise says why not.

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fieldbook-fallback-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const vaultWith = (options: Partial<CredentialVaultOptions> = {}) =>
  createCredentialVault({ dataDir, platform: 'linux', loadKeytar: missingKeytar, ...options });
const secretsFile = () => join(dataDir, DEFAULT_SECRETS_FILE);

describe('safeStorage fallback', () => {
  it('is used when keytar cannot load, and says why', async () => {
    const info = await vaultWith({ safeStorage: fakeSafeStorage() }).backend();
    expect(info.kind).toBe('safeStorage');
    expect(info.insecure).toBeUndefined();
    expect(info.detail).toMatch(/^Encrypted file \(safeStorage, gnome_libsecret\)\. The OS keychain could not be used: keytar could not be loaded \(libsecret-1\.so\.0/);
  });

  it('round-trips secrets per profile and kind', async () => {
    const vault = vaultWith({ safeStorage: fakeSafeStorage() });
    await vault.set('p1', 'clientSecret', 'p1-secret');
    await vault.set('p1', 'apiKey', 'p1-key');
    await vault.set('p2', 'clientSecret', 'p2-secret');
    expect(await vault.get('p1', 'clientSecret')).toBe('p1-secret');
    expect(await vault.has('p2', 'apiKey')).toBe(false);
    await vault.delete('p1', 'apiKey');
    expect(await vault.get('p1', 'apiKey')).toBeNull();
    await vault.deleteAll('p1');
    expect(await vault.has('p1', 'clientSecret')).toBe(false);
    expect(await vault.get('p2', 'clientSecret')).toBe('p2-secret');
  });

  it('writes an encrypted, private file and leaves no temp files', async () => {
    const vault = vaultWith({ safeStorage: fakeSafeStorage() });
    await vault.set('profile-one', 'clientSecret', 'plain-text-secret-123');
    const bytes = await readFile(secretsFile());
    for (const needle of ['plain-text-secret-123', Buffer.from('plain-text-secret-123').toString('base64'), 'profile-one']) {
      expect(bytes.includes(needle)).toBe(false);
    }
    expect((await stat(secretsFile())).mode & 0o777).toBe(0o600);
    expect(await readdir(dataDir)).toEqual([DEFAULT_SECRETS_FILE]);
  });

  it('survives a restart (a new vault reads the file)', async () => {
    const safeStorage = fakeSafeStorage();
    await vaultWith({ safeStorage }).set('p1', 'apiKey', 'kept-across-restarts');
    expect(await vaultWith({ safeStorage }).get('p1', 'apiKey')).toBe('kept-across-restarts');
  });

  it('keeps many concurrent writes', async () => {
    const safeStorage = fakeSafeStorage();
    const vault = vaultWith({ safeStorage });
    await Promise.all(Array.from({ length: 20 }, (_, i) => vault.set(`p${i}`, 'apiKey', `key-${i}`)));
    const again = vaultWith({ safeStorage });
    for (let i = 0; i < 20; i++) expect(await again.get(`p${i}`, 'apiKey')).toBe(`key-${i}`);
  });

  it('sets an undecryptable file aside instead of wiping it', async () => {
    await vaultWith({ safeStorage: fakeSafeStorage() }).set('p1', 'apiKey', 'old-key');
    const original = await readFile(secretsFile());
    // Another key, as when the OS keyring that safeStorage uses was reset.
    const vault = vaultWith({ safeStorage: fakeSafeStorage() });
    const info = await vault.backend();
    expect(info.kind).toBe('safeStorage');
    expect(info.detail).toMatch(/could not be read .* kept as secrets\.json\.unreadable-.*Enter the secrets again/);
    expect(await vault.get('p1', 'apiKey')).toBeNull();
    const kept = (await readdir(dataDir)).find((name) => name.startsWith(`${DEFAULT_SECRETS_FILE}.unreadable-`));
    expect(kept).toBeDefined();
    expect(await readFile(join(dataDir, kept ?? ''))).toEqual(original);
    await vault.set('p1', 'apiKey', 'new-key');
    expect(await vault.get('p1', 'apiKey')).toBe('new-key');
  });

  it('uses DPAPI on Windows without any Linux advice', async () => {
    const info = await vaultWith({ platform: 'win32', safeStorage: fakeSafeStorage({ backend: 'basic_text' }) }).backend();
    expect(info.kind).toBe('safeStorage');
    expect(info.detail).toMatch(/^Encrypted file \(safeStorage, DPAPI\)/);
    expect(info.detail).not.toMatch(/libsecret-1-0|GNOME Keyring/);
  });
});

describe('refusing unprotected storage', () => {
  it.each(['basic_text', 'unknown'])("refuses safeStorage's %s backend unless the user allowed it", async (backend) => {
    const vault = vaultWith({ safeStorage: fakeSafeStorage({ backend }) });
    const info = await vault.backend();
    expect(info.kind).toBe('unavailable');
    expect(info.detail).toContain(`backend '${backend}'`);
    expect(info.detail).toMatch(/install libsecret .* GNOME Keyring or KWallet/);
    expect(info.detail).toMatch(/allow unprotected storage of secrets in Settings/);

    const error = await vault.set('p1', 'clientSecret', 'never-stored-secret').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultUnavailableError);
    expect((error as VaultUnavailableError).code).toBe('vault-unavailable');
    expect((error as Error).message).toMatch(/^The client secret cannot be saved\. Secrets cannot be stored on this computer/);
    expect((error as Error).message).not.toContain('never-stored-secret');
    expect(await vault.get('p1', 'clientSecret')).toBeNull();
    expect(await vault.has('p1', 'clientSecret')).toBe(false);
    await vault.deleteAll('p1');
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('uses basic_text when allowed, and marks it insecure', async () => {
    const vault = vaultWith({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), allowInsecureBasicText: true });
    const info = await vault.backend();
    expect(info).toMatchObject({ kind: 'safeStorage', insecure: true });
    expect(info.detail).toMatch(/^Unprotected file \(safeStorage, basic_text\): secrets are only obfuscated/);
    await vault.set('p1', 'apiKey', 'obfuscated-only');
    expect(await vault.get('p1', 'apiKey')).toBe('obfuscated-only');
  });
});

describe('nothing available', () => {
  it.each([
    ['no safeStorage', undefined],
    ['safeStorage cannot encrypt', fakeSafeStorage({ available: false })],
  ])('is unavailable with %s, with a helpful detail and a clear error on set', async (_, safeStorage) => {
    const vault = vaultWith({ safeStorage });
    const info = await vault.backend();
    expect(info.kind).toBe('unavailable');
    expect(info.detail).toMatch(/^Secrets cannot be stored on this computer\. The OS keychain could not be used: keytar could not be loaded \(libsecret-1\.so\.0/);
    expect(info.detail).toMatch(/install libsecret \(Debian\/Ubuntu: libsecret-1-0\)/);
    await expect(vault.set('p1', 'apiKey', 'k')).rejects.toThrow(/^The API key cannot be saved\. Secrets cannot be stored/);
  });
});

describe('keytar failures and argument checks', () => {
  const memoryKeytar = () => {
    const items = new Map<string, string>();
    const calls: string[] = [];
    const api = {
      calls,
      getPassword: async (service: string, account: string) => (calls.push('get'), items.get(`${service}/${account}`) ?? null),
      setPassword: async (service: string, account: string, password: string) => {
        calls.push('set');
        items.set(`${service}/${account}`, password);
      },
      deletePassword: async (service: string, account: string) => (calls.push('delete'), items.delete(`${service}/${account}`)),
    };
    return api;
  };

  it('loads keytar only on first use and probes it with a read, never a write', async () => {
    const keytar = memoryKeytar();
    let loads = 0;
    const vault = vaultWith({ loadKeytar: async () => (loads++, keytar) });
    expect(loads).toBe(0);
    expect((await vault.backend()).kind).toBe('keytar');
    await vault.backend();
    expect(loads).toBe(1);
    expect(keytar.calls).toEqual(['get']);
  });

  it('falls back when the keychain does not answer in time', async () => {
    const hanging = { ...memoryKeytar(), getPassword: () => new Promise<null>(() => undefined) };
    const info = await vaultWith({ loadKeytar: async () => hanging, probeTimeoutMs: 50, safeStorage: fakeSafeStorage() }).backend();
    expect(info.kind).toBe('safeStorage');
    expect(info.detail).toContain('the keychain did not answer within 50 ms');
  });

  it('reports a failing keychain without the secret in the message', async () => {
    const keytar = memoryKeytar();
    keytar.setPassword = async (_s: string, _a: string, password: string) => {
      throw new Error(`org.freedesktop.Secret.Error.IsLocked: cannot store ${password}`);
    };
    const vault = vaultWith({ loadKeytar: async () => keytar });
    const error = await vault.set('p1', 'clientSecret', 'very-secret-value').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as Error).message).toBe('The client secret could not be saved (keytar): org.freedesktop.Secret.Error.IsLocked: cannot store ***');
  });

  it('rejects bad arguments without echoing them', async () => {
    const vault = vaultWith({ loadKeytar: async () => memoryKeytar() });
    await expect(vault.set('p1', 'token' as never, 'x')).rejects.toThrow(/kind of secret must be one of clientSecret, apiKey$/);
    await expect(vault.set('p1', 'clientSecret' as never, '')).rejects.toThrow(TypeError);
    await expect(vault.set('p1', 'apiKey', 'x'.repeat(2049))).rejects.toThrow(/1 to 2048 characters/);
    await expect(vault.get('', 'apiKey')).rejects.toThrow(/profile id/);
    await expect(vault.get('a\nb', 'apiKey')).rejects.toThrow(/profile id/);
    const error = await vault.set('p1', 'hunter2-looking-secret' as never, 'apiKey').catch((e: unknown) => e);
    expect((error as Error).message).not.toContain('hunter2');
  });
});
