import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialVault, DEFAULT_SERVICE, loadKeytar, type CredentialVault } from '../../electron/credentials';
import { secretToolLookup, startSecretService, type SecretService } from './secret-service';

// The vault against a real Secret Service (a private D-Bus session and gnome-keyring). If that
// setup breaks, the first test fails: the vault must not quietly fall back to the file here.

let service: SecretService | undefined;
let dataDir: string;
let vault: CredentialVault;
const previousBus = process.env['DBUS_SESSION_BUS_ADDRESS'];

beforeAll(async () => {
  service = await startSecretService();
  // Before keytar's first call: GLib connects to the session bus once and keeps it.
  process.env['DBUS_SESSION_BUS_ADDRESS'] = service.address;
  dataDir = await mkdtemp(join(tmpdir(), 'fieldbook-vault-'));
  vault = createCredentialVault({ dataDir, platform: 'linux' });
});

afterAll(async () => {
  await service?.stop();
  if (previousBus === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS'];
  else process.env['DBUS_SESSION_BUS_ADDRESS'] = previousBus;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('credential vault on the OS keychain (keytar, libsecret)', () => {
  it('uses keytar', async () => {
    expect(await vault.backend()).toEqual({ kind: 'keytar', detail: 'OS keychain (libsecret / Secret Service)', unprotectedAllowed: false });
  });

  it('sets, gets, checks and deletes a secret', async () => {
    expect(await vault.get('p1', 'clientSecret')).toBeNull();
    expect(await vault.has('p1', 'clientSecret')).toBe(false);
    await vault.set('p1', 'clientSecret', 's3cret-ünïcødé "quoted" \\ value');
    expect(await vault.get('p1', 'clientSecret')).toBe('s3cret-ünïcødé "quoted" \\ value');
    expect(await vault.has('p1', 'clientSecret')).toBe(true);
    await vault.set('p1', 'clientSecret', 'replaced');
    expect(await vault.get('p1', 'clientSecret')).toBe('replaced');
    await vault.delete('p1', 'clientSecret');
    expect(await vault.get('p1', 'clientSecret')).toBeNull();
    // Deleting what is not there is not an error.
    await vault.delete('p1', 'clientSecret');
  });

  it('keeps each profile and each kind apart, and deleteAll clears one profile only', async () => {
    await vault.set('p1', 'clientSecret', 'p1-secret');
    await vault.set('p1', 'apiKey', 'p1-key');
    await vault.set('p2', 'clientSecret', 'p2-secret');
    expect(await vault.get('p1', 'apiKey')).toBe('p1-key');
    expect(await vault.get('p2', 'clientSecret')).toBe('p2-secret');
    expect(await vault.get('p2', 'apiKey')).toBeNull();

    await vault.deleteAll('p1');
    expect(await vault.has('p1', 'clientSecret')).toBe(false);
    expect(await vault.has('p1', 'apiKey')).toBe(false);
    expect(await vault.get('p2', 'clientSecret')).toBe('p2-secret');
  });

  it('really stores the value in the Secret Service', async () => {
    await vault.set('p3', 'apiKey', 'key-in-the-keyring');
    const attributes = { service: DEFAULT_SERVICE, account: 'p3:apiKey' };
    const viaCli = await secretToolLookup(service?.env ?? {}, attributes);
    if (viaCli !== undefined) expect(viaCli?.trimEnd()).toBe('key-in-the-keyring');
    // And through keytar itself, bypassing the vault, as another process would see it.
    const keytar = await loadKeytar();
    expect(await keytar.getPassword(DEFAULT_SERVICE, 'p3:apiKey')).toBe('key-in-the-keyring');

    await vault.delete('p3', 'apiKey');
    if (viaCli !== undefined) expect(await secretToolLookup(service?.env ?? {}, attributes)).toBeNull();
  });

  it('is seen by a second vault instance (a restart) and writes no fallback file', async () => {
    await vault.set('p4', 'clientSecret', 'survives-restart');
    const again = createCredentialVault({ dataDir, platform: 'linux' });
    expect(await again.get('p4', 'clientSecret')).toBe('survives-restart');
    expect(await readdir(dataDir)).toEqual([]);
  });
});
