import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainBridge, type MainBridge } from '../../electron/bridge';
import { DEFAULT_SERVICE, loadKeytar } from '../../electron/credentials';
import type { BridgeResult } from '../../shared/ipc';
import type { ConnectionProfile } from '../../shared/profiles';
import { secretToolLookup, startSecretService, type SecretService } from './secret-service';

// Deleting a connection profile through the bridge takes its secrets out of the OS keychain (a
// real Secret Service: a private D-Bus session and gnome-keyring), the other profiles' secrets
// stay, and the answer says the secrets were deleted. Also when the profile was in use, and
// when its unsynced changes had to be confirmed away first.

let service: SecretService | undefined;
let dataDir: string;
let main: MainBridge;
const previousBus = process.env['DBUS_SESSION_BUS_ADDRESS'];
const page = { url: 'app://fieldbook/index.html' };

beforeAll(async () => {
  service = await startSecretService();
  // Before keytar's first call: GLib connects to the session bus once and keeps it.
  process.env['DBUS_SESSION_BUS_ADDRESS'] = service.address;
  dataDir = await mkdtemp(join(tmpdir(), 'fieldbook-removal-'));
  main = createMainBridge({
    dataDir,
    app: () => ({ version: '0.1.0', platform: 'linux', locale: 'en-GB' }),
    allowedOrigins: ['app://fieldbook'],
    vault: { platform: 'linux' },
    checkResults: true,
  });
});

afterAll(async () => {
  await main?.close();
  await service?.stop();
  if (previousBus === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS'];
  else process.env['DBUS_SESSION_BUS_ADDRESS'] = previousBus;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function value<T>(channel: string, args?: unknown): Promise<T> {
  const result = (await main.bridge.invoke(channel, args, page)) as BridgeResult<T>;
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.failure)}`);
  return result.value;
}

const input = (name: string) => ({ name, kind: 'aptic', baseUrl: 'https://gw.example.com/APIGW', authMode: 'both', clientId: 'fieldbook' });

/** What the keychain holds for an account, read past the vault (keytar directly, and libsecret's CLI when installed). */
async function inKeychain(account: string): Promise<string | null> {
  const keytar = await loadKeytar();
  const viaKeytar = await keytar.getPassword(DEFAULT_SERVICE, account);
  const viaCli = await secretToolLookup(service?.env ?? {}, { service: DEFAULT_SERVICE, account });
  if (viaCli !== undefined) expect(viaCli?.trimEnd() ?? null).toBe(viaKeytar);
  return viaKeytar;
}

describe('deleting a profile deletes its secrets from the OS keychain', () => {
  it('removes both secrets of the deleted profile and keeps the others', async () => {
    expect(await value('credentials.status', { profileId: 'demo' })).toMatchObject({ backend: { kind: 'keytar' } });
    const gone = await value<ConnectionProfile>('profiles.create', { input: input('Leaving') });
    const kept = await value<ConnectionProfile>('profiles.create', { input: input('Staying') });
    await value('credentials.set', { profileId: gone.id, kind: 'clientSecret', value: 'leaving-client-secret' });
    await value('credentials.set', { profileId: gone.id, kind: 'apiKey', value: 'leaving-api-key' });
    await value('credentials.set', { profileId: kept.id, kind: 'clientSecret', value: 'staying-client-secret' });
    expect(await inKeychain(`${gone.id}:clientSecret`)).toBe('leaving-client-secret');
    expect(await inKeychain(`${gone.id}:apiKey`)).toBe('leaving-api-key');

    expect(await value('profiles.remove', { id: gone.id })).toEqual({ activeId: 'demo', secretsDeleted: true });
    expect(await inKeychain(`${gone.id}:clientSecret`)).toBeNull();
    expect(await inKeychain(`${gone.id}:apiKey`)).toBeNull();
    expect(await inKeychain(`${kept.id}:clientSecret`)).toBe('staying-client-secret');
    // Nothing went to a fallback file instead.
    expect(await readdir(dataDir)).not.toContain('secrets.json');
  });

  it('also for the profile in use, with unsynced changes the user agreed to lose', async () => {
    const open = await value<ConnectionProfile>('profiles.create', { input: input('In use') });
    await value('credentials.set', { profileId: open.id, kind: 'clientSecret', value: 'in-use-client-secret' });
    await value('profiles.activate', { id: open.id });
    const entry = {
      seq: 2, entity: 'customer', op: 'update', customerGuid: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', id: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      entityKey: 'customer:3f2504e0-4f89-11d3-9a0c-0305e82c3301', body: { email: 'x@example.se' }, state: 'pending', attempts: 0, notBefore: 0,
      lastFailure: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
    };
    await value('journal.append', { profileId: open.id, records: [{ seq: 2, entry }] });

    // Refused until confirmed: the secret is still there.
    const refused = await main.bridge.invoke('profiles.remove', { id: open.id }, page);
    expect(refused).toMatchObject({ ok: false, failure: { kind: 'unsynced-changes', count: 1 } });
    expect(await inKeychain(`${open.id}:clientSecret`)).toBe('in-use-client-secret');

    expect(await value('profiles.remove', { id: open.id, confirmUnsynced: true })).toEqual({ activeId: 'demo', secretsDeleted: true });
    expect(await inKeychain(`${open.id}:clientSecret`)).toBeNull();
  });
});
