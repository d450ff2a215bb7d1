import { describe, expect, it } from 'vitest';
import { createBridgeClient, type BridgeTransport } from '../../shared/ipc';
import { demoProfile } from '../../shared/profiles';
import { startSync, type AuthProblem } from '../../renderer/src/app/sync-adapter';
import { openDb } from '../sync/outbox-fixtures';

// The re-authentication banner's source: what the sync adapter makes of auth.changed events and
// of a sync that stopped on a 401, and the sync it asks for once signing in works again.

function fakeTransport(answer401: () => boolean) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let apiCalls = 0;
  const transport: BridgeTransport = {
    async invoke(channel) {
      if (channel === 'connectivity.check') return { ok: true, value: { state: 'online', profileId: demoProfile.id } };
      if (channel === 'api.call') {
        apiCalls++;
        return answer401()
          ? { ok: false, failure: { kind: 'unauthorized', status: 401, message: 'The server refused the credentials.' } }
          : { ok: true, value: { count: 0, skip: 0, total: 0, value: [] } };
      }
      return { ok: false, failure: { kind: 'internal', message: 'not in this test' } };
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  return {
    transport,
    emit: (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload)),
    apiCalls: () => apiCalls,
  };
}

describe('the sign-in problem the banner shows', () => {
  it('follows auth.changed for the active profile, and a sync stopped by a 401; signing in again syncs at once', async () => {
    let refuse = true;
    const fake = fakeTransport(() => refuse);
    const db = openDb();
    const sync = startSync(db, createBridgeClient(fake.transport), demoProfile);
    const seen: AuthProblem[] = [];
    const off = sync.auth.subscribe((problem) => seen.push(problem));

    // The start-up sync meets a 401: the banner appears without any event from main.
    await expect.poll(() => sync.auth.get()).toBe('paused');
    expect(sync.status.get().connectivity).toBe('unauthorized');

    // Main says why; another profile's event is not ours.
    fake.emit('auth.changed', { profileId: 'another', state: 'needs-credentials' });
    expect(sync.auth.get()).toBe('paused');
    fake.emit('auth.changed', { profileId: demoProfile.id, state: 'rejected' });
    expect(sync.auth.get()).toBe('rejected');

    // The user saved a new secret and main accepted it: the banner goes, and a sync runs now.
    refuse = false;
    const before = fake.apiCalls();
    fake.emit('auth.changed', { profileId: demoProfile.id, state: 'ok' });
    expect(sync.auth.get()).toBeNull();
    await expect.poll(() => fake.apiCalls()).toBeGreaterThan(before);
    await expect.poll(() => sync.status.get().connectivity).toBe('online');
    expect(seen).toEqual([null, 'paused', 'rejected', null]);

    off();
    await sync.stop();
    db.close();
  });
});
