import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialVault } from '../../electron/credentials';
import { createProfileStore, DEFAULT_PROFILES_FILE } from '../../electron/profiles';
import { fakeSafeStorage, missingKeytar } from '../credentials/fake-safe-storage';

// Secrets go to the vault only: whatever the user does, profiles.json never holds one.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldbook-profile-secrets-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const planted = ['PLANTED-client-secret-7f3a', 'PLANTED-api-key-91bc'];

describe('profiles and secrets', () => {
  it('keeps planted secrets out of profiles.json, and deletes them with the profile', async () => {
    // The file fallback in the same data folder, so a mix-up between the two files would show.
    const vault = createCredentialVault({ dataDir: dir, platform: 'linux', loadKeytar: missingKeytar, safeStorage: fakeSafeStorage() });
    const store = createProfileStore({ dir, vault });
    const base = {
      name: 'Production', kind: 'aptic', baseUrl: 'https://gw.example.com/APIGW', authMode: 'both', clientId: 'fieldbook',
    };
    const result = await store.create(base);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { id } = result.value;

    await vault.set(id, 'clientSecret', planted[0] ?? '');
    await vault.set(id, 'apiKey', planted[1] ?? '');
    await store.update(id, { ...base, name: 'Production (EU)' });
    await store.setActive(id);
    // A form that sends a secret along is refused, not stored.
    expect(await store.update(id, { ...base, clientSecret: planted[0] })).toEqual({
      ok: false, errors: { clientSecret: ['Is not a field of this request'] },
    });
    expect(await store.create({ ...base, name: 'Other', apiKey: planted[1] })).toMatchObject({ ok: false });

    expect((await readdir(dir)).sort()).toEqual([DEFAULT_PROFILES_FILE, 'secrets.json']);
    const profilesFile = await readFile(join(dir, DEFAULT_PROFILES_FILE), 'utf8');
    for (const secret of planted) expect(profilesFile).not.toContain(secret);
    expect(await vault.get(id, 'apiKey')).toBe(planted[1]);

    expect(await store.remove(id)).toMatchObject({ ok: true, value: { secretsDeleted: true } });
    expect(await vault.has(id, 'clientSecret')).toBe(false);
    expect(await vault.has(id, 'apiKey')).toBe(false);
  });
});
