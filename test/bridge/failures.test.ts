import { describe, expect, it } from 'vitest';
import { missingKeytar } from '../credentials/fake-safe-storage';
import { apticInput, createHarness } from './helpers';
import type { ConnectionProfile } from '../../shared/profiles';

// How a handler's failure reaches the renderer: a vault that cannot store secrets is its own
// kind with the vault's explanation; anything unexpected is 'internal' with a generic sentence,
// its details in main's log only; a result outside the contract is caught before it leaves.

describe('failures of the main process', () => {
  it('reports a vault that cannot store secrets as vault-unavailable', async () => {
    const h = await createHarness({ start: false, vault: { platform: 'linux', loadKeytar: missingKeytar } });
    try {
      const profile = await h.value<ConnectionProfile>('profiles.create', { input: apticInput('No keyring') });
      const before = await h.state();
      const failure = await h.failure('credentials.set', { profileId: profile.id, kind: 'clientSecret', value: 'never-stored-1' });
      expect(failure).toEqual({ kind: 'vault-unavailable', message: expect.stringContaining('cannot be saved') });
      expect(failure.message).not.toContain('never-stored-1');
      expect(await h.state()).toBe(before);
      expect(await h.value('credentials.status', { profileId: profile.id })).toMatchObject({
        clientSecret: false, backend: { kind: 'unavailable', detail: expect.stringContaining('libsecret') },
      });
    } finally {
      await h.close();
    }
  });

  it('turns an unexpected error into internal, with the details in the log only', async () => {
    const h = await createHarness({ start: false, app: () => { throw new Error('locale not ready: DETAIL-7731'); } });
    try {
      const failure = await h.failure('app.info');
      expect(failure).toEqual({ kind: 'internal', message: expect.any(String) });
      expect(JSON.stringify(failure)).not.toContain('DETAIL-7731');
      expect(h.logs.some((line) => line.includes('app.info failed') && line.includes('DETAIL-7731'))).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('catches a result outside the contract before it reaches the renderer', async () => {
    const h = await createHarness({ start: false, app: () => ({ version: '1', platform: 'linux', locale: 'sv', token: 'x' }) as never });
    try {
      expect(await h.failure('app.info')).toEqual({ kind: 'internal', message: expect.any(String) });
      expect(h.logs.some((line) => line.includes('app.info produced a result outside the contract'))).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('refuses values only an in-process caller could pass, such as a throwing Proxy', async () => {
    const h = await createHarness({ start: false });
    try {
      const trap = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
      expect(await h.failure('profiles.list', trap)).toMatchObject({ kind: 'invalid-request' });
      const lying = new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); } });
      expect(await h.failure('profiles.activate', { id: lying })).toMatchObject({ kind: 'invalid-request' });
    } finally {
      await h.close();
    }
  });
});
