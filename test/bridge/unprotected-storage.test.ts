import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainBridge } from '../../electron/bridge';
import { DEFAULT_SECRETS_FILE, DEFAULT_VAULT_SETTINGS_FILE } from '../../electron/credentials';
import type { ChannelResult } from '../../shared/ipc';
import type { ConnectionProfile } from '../../shared/profiles';
import { fakeSafeStorage, missingKeytar } from '../credentials/fake-safe-storage';
import { apticInput, appOrigin, appPage, createHarness, type Harness } from './helpers';

// A Linux computer with neither a keychain (keytar cannot load) nor a keyring for safeStorage
// (basic_text): secrets cannot be saved until the user turns on "allow unprotected storage"
// through credentials.allowUnprotected, which takes the confirmation of the risk, is remembered
// across a restart, and when turned off again deletes what was stored unprotected.

const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
const vault = { platform: 'linux' as const, loadKeytar: missingKeytar, safeStorage };

let h: Harness;
let profile: ConnectionProfile;

beforeAll(async () => {
  h = await createHarness({ start: false, vault });
  profile = await h.value<ConnectionProfile>('profiles.create', { input: apticInput('Laptop without keyring') });
});
afterAll(async () => {
  await h?.close();
});

type Backend = ChannelResult<'credentials.allowUnprotected'>;
const backendOf = async (): Promise<Backend> => (await h.value<ChannelResult<'credentials.status'>>('credentials.status', { profileId: profile.id })).backend;

describe('allowing unprotected storage of secrets', () => {
  it('is off by default: no secret can be saved, and Settings is named as the way out', async () => {
    expect(await backendOf()).toEqual({ kind: 'unavailable', detail: expect.stringMatching(/allow unprotected storage of secrets in Settings/u), unprotectedAllowed: false });
    expect(await h.failure('credentials.set', { profileId: profile.id, kind: 'clientSecret', value: 'typed-secret-1' })).toMatchObject({ kind: 'vault-unavailable' });
  });

  it('is refused without the confirmation of the risk, and nothing changes', async () => {
    const before = await h.state();
    for (const args of [{ allow: true }, { allow: true, confirmRisk: false }, { allow: 1, confirmRisk: true }]) {
      expect(await h.failure('credentials.allowUnprotected', args)).toMatchObject({ kind: 'invalid-request' });
    }
    expect(await h.state()).toBe(before);
    expect((await backendOf()).kind).toBe('unavailable');
  });

  it('once confirmed: secrets are stored, in a file marked unprotected, and the answer says so', async () => {
    const on = await h.value<Backend>('credentials.allowUnprotected', { allow: true, confirmRisk: true });
    expect(on).toEqual({ kind: 'safeStorage', insecure: true, unprotectedAllowed: true, detail: expect.stringMatching(/^Unprotected file \(safeStorage, basic_text\)/u) });
    expect(await h.value('credentials.set', { profileId: profile.id, kind: 'clientSecret', value: 'typed-secret-1' })).toMatchObject({
      clientSecret: true, backend: { insecure: true, unprotectedAllowed: true },
    });
    expect(h.logs.some((line) => line.includes('unprotected storage of secrets allowed by the user'))).toBe(true);
    expect(h.logs.join('\n')).not.toContain('typed-secret-1');
  });

  it('is remembered across a restart (a new main process on the same data folder)', async () => {
    const again = createMainBridge({
      dataDir: h.dir, app: () => ({ version: '0.1.0', platform: 'linux', locale: 'en-GB' }), allowedOrigins: [appOrigin], vault, checkResults: true,
    });
    try {
      const status = await again.bridge.invoke('credentials.status', { profileId: profile.id }, { url: appPage });
      expect(status).toMatchObject({ ok: true, value: { clientSecret: true, backend: { kind: 'safeStorage', insecure: true, unprotectedAllowed: true } } });
    } finally {
      await again.close();
    }
  });

  it('turned off: the secrets stored unprotected are deleted, and none can be saved again', async () => {
    expect(await readdir(h.dir)).toContain(DEFAULT_SECRETS_FILE);
    const off = await h.value<Backend>('credentials.allowUnprotected', { allow: false });
    expect(off).toMatchObject({ kind: 'unavailable', unprotectedAllowed: false });
    expect(await readdir(h.dir)).not.toContain(DEFAULT_SECRETS_FILE);
    expect(await h.value('credentials.status', { profileId: profile.id })).toMatchObject({ clientSecret: false, apiKey: false });
    expect(await h.failure('credentials.set', { profileId: profile.id, kind: 'clientSecret', value: 'typed-secret-2' })).toMatchObject({ kind: 'vault-unavailable' });
    expect(JSON.parse(await readFile(join(h.dir, DEFAULT_VAULT_SETTINGS_FILE), 'utf8'))).toMatchObject({ allowUnprotectedStorage: false });
  });
});
