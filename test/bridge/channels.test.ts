import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionProfile } from '../../shared/profiles';
import { DEFAULT_VAULT_SETTINGS_FILE, MAX_SECRET_LENGTH } from '../../electron/credentials';
import { invokeChannels, maxSecretLength, type ChannelResult } from '../../shared/ipc';
import { journalEntry } from './fuzz-payloads';
import { apticInput, createHarness, type Harness } from './helpers';

// Every channel once with a valid payload, then with malformed ones: each refusal is a typed
// 'invalid-request' naming the field, and nothing the bridge could change has changed.

let h: Harness;
let real: ConnectionProfile;
const unknownId = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe('every channel with a valid payload', () => {
  it('app.info', async () => {
    expect(await h.value('app.info')).toEqual({ version: '0.1.0', platform: 'linux', locale: 'sv-SE' });
    expect(await h.value('app.info', {})).toEqual({ version: '0.1.0', platform: 'linux', locale: 'sv-SE' });
  });

  it('profiles.list: on first start the Demo profile is the only one, and active', async () => {
    const listing = await h.value<ChannelResult<'profiles.list'>>('profiles.list');
    expect(listing.activeId).toBe('demo');
    expect(listing.profiles.map((p) => p.id)).toEqual(['demo']);
    expect(listing.recovery).toBeUndefined();
  });

  it('api.call on the Demo profile starts the sandbox once and returns its seeded data', async () => {
    const page = await h.value<{ total: number; value: { customerGuid: string }[] }>('api.call', {
      operation: 'listCustomers', params: {}, query: { top: 5 },
    });
    expect(page.total).toBe(20);
    expect(page.value).toHaveLength(5);
    const sandbox = h.demo();
    const guid = page.value[0]?.customerGuid ?? '';
    expect(await h.value('api.call', { operation: 'getCustomer', params: { guid } })).toMatchObject({ customerGuid: guid });
    expect(h.demo()).toBe(sandbox);
    const created = await h.value<{ customerGuid: string }>('api.call', {
      operation: 'createCustomer', params: {}, body: { firstname: 'Ada', lastname: 'Lund', juridicalType: 0 },
    });
    expect(await h.value('api.call', { operation: 'deleteCustomer', params: { customerGuid: created.customerGuid } })).toBeUndefined();
    // A failure of the API comes back as the client's ApiFailure.
    expect(await h.failure('api.call', { operation: 'getCustomer', params: { guid: unknownId } })).toMatchObject({
      kind: 'not-found', operation: 'getCustomer', status: 404,
    });
  });

  it('connectivity.check', async () => {
    expect(await h.value('connectivity.check')).toEqual({ state: 'online', profileId: 'demo' });
  });

  it('profiles.create, update, activate, test and remove', async () => {
    real = await h.value<ConnectionProfile>('profiles.create', { input: apticInput('Production') });
    expect(real).toMatchObject({ name: 'Production', kind: 'aptic', apiKeyHeader: 'X-Api-Key' });
    expect(h.events.at(-1)).toEqual({ name: 'profiles.changed', payload: { activeId: 'demo' } });
    const updated = await h.value<ConnectionProfile>('profiles.update', { id: real.id, input: apticInput('  Production EU ') });
    expect(updated.name).toBe('Production EU');
    real = updated;

    const other = await h.value<ConnectionProfile>('profiles.create', { input: apticInput('Staging') });
    expect(await h.value('profiles.activate', { id: other.id })).toMatchObject({ id: other.id });
    expect(h.events.at(-1)).toEqual({ name: 'profiles.changed', payload: { activeId: other.id } });
    // No secret yet: the test fails with the client's own failure, before any network.
    expect(await h.failure('profiles.test', { id: other.id })).toMatchObject({ kind: 'unauthorized', operation: 'ping' });
    expect(await h.value('profiles.test', { id: 'demo' })).toEqual({ latencyMs: expect.any(Number) });
    expect(await h.value('profiles.remove', { id: other.id })).toEqual({ activeId: 'demo', secretsDeleted: true });
    expect(h.events.at(-1)).toEqual({ name: 'profiles.changed', payload: { activeId: 'demo' } });
  });

  it('credentials.status, set and clear: only whether a secret is set comes back', async () => {
    const backend = { kind: 'safeStorage', detail: expect.stringContaining('Encrypted file'), unprotectedAllowed: false };
    expect(await h.value('credentials.status', { profileId: real.id })).toEqual({ clientSecret: false, apiKey: false, builtIn: false, backend });
    expect(await h.value('credentials.set', { profileId: real.id, kind: 'clientSecret', value: 'c-secret-1234' })).toEqual({
      clientSecret: true, apiKey: false, builtIn: false, backend,
    });
    expect(await h.value('credentials.set', { profileId: real.id, kind: 'apiKey', value: 'k-1234' })).toMatchObject({ apiKey: true });
    expect(await h.value('credentials.clear', { profileId: real.id, kind: 'apiKey' })).toMatchObject({ clientSecret: true, apiKey: false });
    expect(await h.value('credentials.status', { profileId: 'demo' })).toMatchObject({ clientSecret: true, apiKey: true, builtIn: true });
  });

  it('credentials.allowUnprotected: on only with the risk confirmed, remembered, and the store in use comes back', async () => {
    // Refused without the confirmation: nothing is written.
    expect(await h.failure('credentials.allowUnprotected', { allow: true })).toMatchObject({
      kind: 'invalid-request', fieldErrors: { confirmRisk: [expect.stringMatching(/confirm the risk/u)] },
    });
    await expect(readFile(join(h.dir, DEFAULT_VAULT_SETTINGS_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    // This machine's safeStorage key is OS-protected (gnome_libsecret): the encrypted file stays in use either way.
    const on = await h.value<ChannelResult<'credentials.allowUnprotected'>>('credentials.allowUnprotected', { allow: true, confirmRisk: true });
    expect(on).toEqual({ kind: 'safeStorage', detail: expect.stringContaining('Encrypted file'), unprotectedAllowed: true });
    expect(await h.value('credentials.status', { profileId: 'demo' })).toMatchObject({ backend: { unprotectedAllowed: true } });
    expect(await h.value('credentials.status', { profileId: real.id })).toMatchObject({ clientSecret: true });
    expect(await h.value('credentials.allowUnprotected', { allow: false })).toMatchObject({ kind: 'safeStorage', unprotectedAllowed: false });
    expect(await h.value('credentials.status', { profileId: real.id })).toMatchObject({ clientSecret: true, backend: { unprotectedAllowed: false } });
  });

  it('journal.append, read, export and clear; removing a profile or signing out waits for confirmation while changes are unsynced', async () => {
    const target = await h.value<ConnectionProfile>('profiles.create', { input: apticInput('Journaled') });
    const profileId = target.id;
    await h.value('credentials.set', { profileId, kind: 'clientSecret', value: 'journal-secret-1' });
    expect(await h.value('journal.read', { profileId })).toEqual({ entries: [], notes: [] });
    const records = [{ seq: 1, entry: journalEntry(1) }, { seq: 2, entry: journalEntry(2) }];
    expect(await h.value('journal.append', { profileId, records })).toEqual({ live: 2 });
    expect(await h.value('journal.append', { profileId, records: [{ seq: 2, removed: true, reason: 'synced' }] })).toEqual({ live: 1 });
    expect(await h.value('journal.read', { profileId })).toEqual({ entries: [journalEntry(1)], notes: [] });

    const exported = await h.value<ChannelResult<'journal.export'>>('journal.export', { profileId });
    expect(exported).toEqual({ path: expect.stringMatching(/fieldbook-unsynced-changes-journaled-\d{4}-\d\d-\d\d\.json$/u), count: 1 });
    const file = JSON.parse(await readFile(exported.path ?? '', 'utf8')) as { count: number; profile: unknown; changes: { values: unknown; action: string }[] };
    expect(file).toMatchObject({ count: 1, profile: { id: profileId, name: 'Journaled' }, changes: [{ action: 'update', values: { email: 'fuzz@example.se' } }] });
    // Entries passed by the renderer (its outbox) are exported as given.
    expect(await h.value('journal.export', { profileId, entries: [journalEntry(7), journalEntry(8)] })).toMatchObject({ count: 2 });

    expect(await h.failure('credentials.clear', { profileId, kind: 'clientSecret' })).toEqual({ kind: 'unsynced-changes', count: 1, message: expect.any(String) });
    expect(await h.failure('profiles.remove', { id: profileId })).toEqual({ kind: 'unsynced-changes', count: 1, message: expect.any(String) });
    expect(await h.failure('profiles.remove', { id: profileId, confirmUnsynced: false })).toMatchObject({ kind: 'unsynced-changes' });
    expect(await h.value('credentials.status', { profileId })).toMatchObject({ clientSecret: true });
    expect(await h.value('credentials.clear', { profileId, kind: 'clientSecret', confirmUnsynced: true })).toMatchObject({ clientSecret: false });
    expect(await h.value('journal.clear', { profileId, confirm: true })).toEqual({ cleared: 1 });
    expect(await h.value('credentials.clear', { profileId, kind: 'apiKey' })).toMatchObject({ apiKey: false });

    await h.value('journal.append', { profileId, records: [{ seq: 3, entry: journalEntry(3) }] });
    expect(await h.value('profiles.remove', { id: profileId, confirmUnsynced: true })).toEqual({ activeId: 'demo', secretsDeleted: true });
    expect(await h.main.journal.count(profileId)).toBe(0);
    await expect(readFile(h.main.journal.fileOf(profileId))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

const validCreate = apticInput('Another');
const malformed: [channel: string, args: () => unknown, field: string][] = [
  ['app.info', () => ({ verbose: true }), 'verbose'],
  ['app.info', () => 5, ''],
  ['profiles.list', () => [], ''],
  ['profiles.list', () => null, ''],
  ['profiles.create', () => ({}), ''],
  ['profiles.create', () => ({ input: { ...validCreate, clientSecret: 'x' } }), 'clientSecret'],
  ['profiles.create', () => ({ input: { ...validCreate, baseUrl: 'http://gw.example.com/APIGW' } }), 'baseUrl'],
  ['profiles.create', () => ({ input: validCreate, activate: true }), 'activate'],
  ['profiles.create', () => ({ input: { ...validCreate, name: 'production eu' } }), 'name'],
  ['profiles.update', () => ({ id: unknownId, input: validCreate }), 'id'],
  ['profiles.update', () => ({ id: real.id, input: { ...validCreate, name: '' } }), 'name'],
  ['profiles.update', () => ({ id: 'demo', input: validCreate }), 'kind'],
  ['profiles.remove', () => ({ id: 'demo' }), 'id'],
  ['profiles.remove', () => ({ id: 5 }), 'id'],
  ['profiles.remove', () => ({ id: unknownId }), 'id'],
  ['profiles.activate', () => ({}), 'id'],
  ['profiles.activate', () => ({ id: unknownId }), 'id'],
  ['profiles.test', () => ({ id: 'not an id' }), 'id'],
  ['credentials.status', () => ({ profileId: unknownId }), 'profileId'],
  ['credentials.set', () => ({ profileId: real.id, kind: 'token', value: 'x' }), 'kind'],
  ['credentials.set', () => ({ profileId: real.id, kind: 'apiKey', value: '' }), 'value'],
  ['credentials.set', () => ({ profileId: real.id, kind: 'apiKey', value: 'line\nbreak' }), 'value'],
  ['credentials.set', () => ({ profileId: real.id, kind: 'apiKey', value: 'x'.repeat(2049) }), 'value'],
  ['credentials.set', () => ({ profileId: 'demo', kind: 'apiKey', value: 'k-1234' }), 'profileId'],
  ['credentials.set', () => ({ profileId: real.id, kind: 'apiKey', value: 'k-1234', persist: true }), 'persist'],
  ['credentials.clear', () => ({ profileId: real.id, kind: 'password' }), 'kind'],
  ['credentials.clear', () => ({ profileId: unknownId, kind: 'apiKey' }), 'profileId'],
  ['credentials.allowUnprotected', () => ({ allow: true }), 'confirmRisk'],
  ['credentials.allowUnprotected', () => ({ allow: true, confirmRisk: false }), 'confirmRisk'],
  ['credentials.allowUnprotected', () => ({ allow: 'yes', confirmRisk: true }), 'allow'],
  ['credentials.allowUnprotected', () => ({ confirmRisk: true }), 'allow'],
  ['credentials.allowUnprotected', () => ({ allow: true, confirmRisk: true, profileId: real.id }), 'profileId'],
  ['api.call', () => ({ operation: 'dropTables', params: {} }), 'operation'],
  ['api.call', () => ({ params: {} }), 'operation'],
  ['api.call', () => ({ operation: 'getCustomer', params: {} }), 'params.guid'],
  ['api.call', () => ({ operation: 'getCustomer', params: { guid: 'a', customerGuid: 'b' } }), 'params.customerGuid'],
  ['api.call', () => ({ operation: 'getCustomer', params: { guid: '..' } }), 'params.guid'],
  ['api.call', () => ({ operation: 'getCustomer', params: { guid: 'g'.repeat(201) } }), 'params.guid'],
  ['api.call', () => ({ operation: 'getCustomer', params: { guid: 'a' }, query: { top: 5 } }), 'query'],
  ['api.call', () => ({ operation: 'listCustomers', params: {}, query: { top: 1000 } }), 'query.top'],
  ['api.call', () => ({ operation: 'listCustomers', params: {}, query: { skip: Number.NaN } }), 'query.skip'],
  ['api.call', () => ({ operation: 'createCustomer', params: {}, body: { fullName: 5 } }), 'body.fullName'],
  ['api.call', () => ({ operation: 'createCustomer', params: {} }), 'body'],
  ['api.call', () => ({ operation: 'createCustomer', params: {}, body: { fullName: 'A', isAdmin: true } }), 'body.isAdmin'],
  ['api.call', () => ({ operation: 'deleteCustomer', params: { customerGuid: 'a' }, body: {} }), 'body'],
  ['api.call', () => ({ operation: 'invokeService', params: { serviceDefinition: 'x' }, query: { async: 'yes' } }), 'query.async'],
  ['connectivity.check', () => ({ now: true }), 'now'],
  ['profiles.remove', () => ({ id: real.id, confirmUnsynced: 'yes' }), 'confirmUnsynced'],
  ['credentials.clear', () => ({ profileId: real.id, kind: 'apiKey', confirmUnsynced: 1 }), 'confirmUnsynced'],
  ['journal.append', () => ({ profileId: real.id, records: [] }), 'records'],
  ['journal.append', () => ({ profileId: unknownId, records: [{ seq: 1, removed: true, reason: 'synced' }] }), 'profileId'],
  ['journal.append', () => ({ profileId: real.id, records: [{ seq: 1, entry: journalEntry(2) }] }), 'records.0'],
  ['journal.append', () => ({ profileId: real.id, records: [{ seq: 1, entry: { ...journalEntry(1), state: 'lost' } }] }), 'records.0'],
  ['journal.append', () => ({ profileId: real.id, records: [{ seq: 1, removed: true, reason: 'because' }] }), 'records.0'],
  ['journal.append', () => ({ profileId: real.id, records: Array.from({ length: 501 }, (_, i) => ({ seq: i + 1, removed: true, reason: 'synced' })) }), 'records'],
  ['journal.read', () => ({ profileId: 'not an id' }), 'profileId'],
  ['journal.export', () => ({ profileId: real.id }), 'profileId'],
  ['journal.export', () => ({ profileId: real.id, entries: [] }), 'entries'],
  ['journal.export', () => ({ profileId: real.id, path: '/etc/passwd' }), 'path'],
  ['journal.clear', () => ({ profileId: real.id }), 'confirm'],
  ['journal.clear', () => ({ profileId: real.id, confirm: false }), 'confirm'],
];

describe('malformed payloads', () => {
  let before: string;
  beforeAll(async () => {
    // Let background re-checks after the credential changes above settle before the snapshot.
    await h.invoke('connectivity.check');
    before = await h.state();
  });

  it('covers every channel', () => {
    expect(new Set(malformed.map(([channel]) => channel))).toEqual(new Set(invokeChannels));
    // The contract's limit on a secret is the vault's.
    expect(maxSecretLength).toBe(MAX_SECRET_LENGTH);
  });

  it.each(malformed.map(([channel, args, field], n) => ({ channel, args, field, n })))('#$n $channel is refused on $field', async ({ channel, args, field }) => {
    const failure = await h.failure(channel, args());
    expect(failure.kind).toBe('invalid-request');
    expect(failure.message).toMatch(/^The request was not valid: /u);
    expect(Object.keys('fieldErrors' in failure ? (failure.fieldErrors ?? {}) : {})).toContain(field);
    expect(await h.state()).toBe(before);
  });

  it('refuses an unknown channel the same way', async () => {
    for (const channel of ['profiles.delete', 'app', '', 42, null, 'x'.repeat(100_000)]) {
      expect(await h.failure(channel as string, {})).toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('unknown channel') });
    }
    expect(await h.state()).toBe(before);
  });

  it('never quotes the value it refused', async () => {
    const failure = await h.failure('credentials.set', { profileId: real.id, kind: 'hunter2-swapped', value: 'a' });
    expect(JSON.stringify(failure)).not.toContain('hunter2');
    const keyed = await h.failure('credentials.set', { profileId: real.id, kind: 'apiKey', value: 'SECRET-AS-VALUE\n', 'SECRET-AS-VALUE\n': 1 });
    expect(JSON.stringify(keyed)).not.toContain('SECRET-AS-VALUE');
    const huge = await h.failure('profiles.create', { input: { ...validCreate, name: 'n'.repeat(500_000) } });
    expect(JSON.stringify(huge).length).toBeLessThan(2_000);
  });
});
