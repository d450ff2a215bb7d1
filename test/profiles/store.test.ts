import * as fsp from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProfileStore, DEFAULT_PROFILES_FILE } from '../../electron/profiles';
import { demoProfile, DEMO_PROFILE_ID } from '../../shared/profiles';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldbook-profiles-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = () => join(dir, DEFAULT_PROFILES_FILE);
const input = (change: Record<string, unknown> = {}) => ({
  name: 'Production',
  kind: 'aptic',
  baseUrl: 'https://c1234.prod.hosting.aptic.cloud/inst/APIGW',
  authMode: 'oauth2',
  clientId: 'fieldbook',
  downloadScope: 'juridicalType eq 1',
  ...change,
});

async function created(store: ReturnType<typeof createProfileStore>, change: Record<string, unknown> = {}) {
  const result = await store.create(input(change));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('first start', () => {
  it('has only the Demo profile, active, and writes nothing yet', async () => {
    const store = createProfileStore({ dir });
    expect(await store.list()).toEqual([demoProfile]);
    expect(await store.active()).toEqual(demoProfile);
    expect(await store.recovery()).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  it('also starts when the data folder does not exist yet', async () => {
    const store = createProfileStore({ dir: join(dir, 'not', 'yet') });
    await created(store);
    expect(await readdir(join(dir, 'not', 'yet'))).toEqual([DEFAULT_PROFILES_FILE]);
  });
});

describe('create, edit, switch, delete', () => {
  it('creates a profile with a new id and keeps it across restarts', async () => {
    const store = createProfileStore({ dir });
    const profile = await created(store);
    expect(profile.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(profile).toMatchObject({ name: 'Production', apiKeyHeader: 'X-Api-Key' });
    expect(await createProfileStore({ dir }).list()).toEqual([demoProfile, profile]);
    expect((await store.active()).id).toBe(DEMO_PROFILE_ID);
  });

  it('edits every setting of a profile', async () => {
    const store = createProfileStore({ dir });
    const { id } = await created(store);
    const result = await store.update(id, input({ name: 'Test', authMode: 'both', apiKeyHeader: 'Ocp-Apim-Subscription-Key' }));
    expect(result).toMatchObject({ ok: true, value: { id, name: 'Test', authMode: 'both', apiKeyHeader: 'Ocp-Apim-Subscription-Key' } });
    expect(await createProfileStore({ dir }).get(id)).toMatchObject({ name: 'Test', authMode: 'both' });
  });

  it('lets the Demo profile be renamed but not turned into another kind', async () => {
    const store = createProfileStore({ dir });
    const demo = { name: 'Demo data', kind: 'demo', baseUrl: '', authMode: 'apikey' };
    expect(await store.update(DEMO_PROFILE_ID, demo)).toMatchObject({ ok: true, value: { id: DEMO_PROFILE_ID, name: 'Demo data' } });
    expect(await store.update(DEMO_PROFILE_ID, input())).toEqual({ ok: false, errors: { kind: ['The built-in Demo profile is always a demo profile'] } });
  });

  it('switches the active profile, and remembers it', async () => {
    const store = createProfileStore({ dir });
    const { id } = await created(store);
    expect(await store.setActive(id)).toMatchObject({ ok: true, value: { id } });
    expect((await createProfileStore({ dir }).active()).id).toBe(id);
    expect(await store.setActive('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toMatchObject({ ok: false, errors: { id: [expect.any(String)] } });
  });

  it('deletes a profile with its secrets; deleting the active one switches to Demo', async () => {
    const vault = { deleteAll: vi.fn(async () => undefined) };
    const store = createProfileStore({ dir, vault });
    const kept = await created(store, { name: 'Kept' });
    const { id } = await created(store);
    await store.setActive(id);
    const result = await store.remove(id);
    expect(result).toEqual({ ok: true, value: { active: demoProfile, secretsDeleted: true } });
    expect(vault.deleteAll).toHaveBeenCalledWith(id);
    expect(await createProfileStore({ dir }).list()).toEqual([demoProfile, kept]);
    expect((await store.active()).id).toBe(DEMO_PROFILE_ID);
  });

  it('still deletes the profile when its secrets cannot be deleted, and says so', async () => {
    const store = createProfileStore({ dir, vault: { deleteAll: async () => Promise.reject(new Error('keyring locked')) } });
    const { id } = await created(store);
    expect(await store.remove(id)).toEqual({ ok: true, value: { active: demoProfile, secretsDeleted: false } });
    expect(await store.get(id)).toBeUndefined();
  });

  it('never deletes the Demo profile, nor an unknown one', async () => {
    const store = createProfileStore({ dir });
    expect(await store.remove(DEMO_PROFILE_ID)).toEqual({ ok: false, errors: { id: ['The built-in Demo profile cannot be deleted'] } });
    expect((await store.remove('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).ok).toBe(false);
    expect(await store.list()).toEqual([demoProfile]);
  });

  it('applies concurrent changes one after the other', async () => {
    const store = createProfileStore({ dir });
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.create(input({ name: `P${i}` }))));
    expect((await createProfileStore({ dir }).list()).map((p) => p.name).sort()).toEqual(
      ['Demo (sandbox)', ...Array.from({ length: 10 }, (_, i) => `P${i}`)].sort());
  });
});

describe('invalid input changes nothing', () => {
  it.each([
    ['a malformed URL', { baseUrl: 'https//gw' }, 'baseUrl'],
    ['http to a public host', { baseUrl: 'http://gw.example.com/APIGW' }, 'baseUrl'],
    ['an unknown field', { colour: 'blue' }, 'colour'],
    ['an empty name', { name: '' }, 'name'],
    ['a malformed download scope', { downloadScope: "juridicalType eq eq 1" }, 'downloadScope'],
    ['a name already in use', { name: 'production' }, 'name'],
  ])('%s', async (_, change, field) => {
    const store = createProfileStore({ dir });
    const existing = await created(store);
    const other = await created(store, { name: 'Other' });
    const before = await readFile(file());

    for (const result of [await store.create(input(change)), await store.update(other.id, input(change))]) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
    }
    expect(await readFile(file())).toEqual(before);
    expect(await store.list()).toEqual([demoProfile, existing, other]);
  });
});

describe('atomic writes', () => {
  it('leaves no temp files and keeps the file private', async () => {
    const store = createProfileStore({ dir });
    const { id } = await created(store);
    await store.update(id, input({ name: 'Renamed' }));
    await store.setActive(id);
    expect(await readdir(dir)).toEqual([DEFAULT_PROFILES_FILE]);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
  });

  it('keeps the old file when the app dies between writing and renaming', async () => {
    const store = createProfileStore({ dir });
    const existing = await created(store);
    const before = await readFile(file());

    const crashing = createProfileStore({ dir, fs: { ...fsp, rename: async () => Promise.reject(new Error('power cut')) } });
    await expect(crashing.create(input({ name: 'Lost' }))).rejects.toThrow('power cut');
    expect(await readFile(file())).toEqual(before);
    expect(await crashing.list()).toEqual([demoProfile, existing]);
    expect(await createProfileStore({ dir }).list()).toEqual([demoProfile, existing]);
  });

  it('cleans up a temp file a real crash left behind', async () => {
    const store = createProfileStore({ dir });
    const existing = await created(store);
    await writeFile(join(dir, `${DEFAULT_PROFILES_FILE}.0123456789ab.tmp`), '{"half": ');
    const restarted = createProfileStore({ dir });
    expect(await restarted.list()).toEqual([demoProfile, existing]);
    expect(await readdir(dir)).toEqual([DEFAULT_PROFILES_FILE]);
  });
});

describe('a damaged profiles file', () => {
  it.each([
    ['not JSON', '{"version": 1, "activeId": "demo", "prof'],
    ['the wrong shape', '{"version": 1, "activeId": "demo", "profiles": "all of them"}'],
    ['a profile of the wrong shape', JSON.stringify({ version: 1, activeId: 'demo', profiles: [{ ...demoProfile, kind: 'ftp' }] })],
    ['two profiles with one id', JSON.stringify({ version: 1, activeId: 'demo', profiles: [demoProfile, demoProfile] })],
    ['a newer version', JSON.stringify({ version: 2, activeId: 'demo', profiles: [] })],
  ])('(%s) is kept aside, reported, and the app starts from the defaults', async (_, content) => {
    await writeFile(file(), content);
    const store = createProfileStore({ dir, now: () => new Date('2025-01-02T03:04:05.678Z') });
    expect(await store.list()).toEqual([demoProfile]);
    const recovery = await store.recovery();
    expect(recovery?.keptAs).toBe(`${DEFAULT_PROFILES_FILE}.corrupt-2025-01-02T03-04-05-678Z`);
    expect(recovery?.message).toMatch(/could not be read \(.+\)\. The file was kept as profiles\.json\.corrupt-.* Demo profile only\.$/);
    expect(await readFile(join(dir, recovery?.keptAs ?? ''), 'utf8')).toBe(content);

    // The next change writes a fresh file; the damaged copy stays.
    await created(store);
    expect((await readdir(dir)).sort()).toEqual([DEFAULT_PROFILES_FILE, recovery?.keptAs].sort());
    expect(await createProfileStore({ dir }).recovery()).toBeUndefined();
  });

  it('reads a profile that a tightened rule would now refuse, so the user can fix it in the form', async () => {
    const stale = { ...input(), id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', apiKeyHeader: 'X-Api-Key', downloadScope: "retiredField eq 'x'" };
    await writeFile(file(), JSON.stringify({ version: 1, activeId: stale.id, profiles: [demoProfile, stale] }));
    const store = createProfileStore({ dir });
    expect(await store.active()).toEqual(stale);
    expect(await store.recovery()).toBeUndefined();
    expect(await store.update(stale.id, input({ downloadScope: "retiredField eq 'x'" }))).toMatchObject({ ok: false, errors: { downloadScope: [expect.any(String)] } });
  });

  it('restores a missing Demo profile and an unknown active id without calling the file damaged', async () => {
    const own = { ...input(), id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', apiKeyHeader: 'X-Api-Key' };
    await writeFile(file(), JSON.stringify({ version: 1, activeId: 'gone', profiles: [own] }));
    const store = createProfileStore({ dir });
    expect(await store.list()).toEqual([demoProfile, own]);
    expect((await store.active()).id).toBe(DEMO_PROFILE_ID);
    expect(await store.recovery()).toBeUndefined();
  });
});
