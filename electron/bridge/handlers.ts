import { isAbsolute } from 'node:path';
import type { FieldErrors } from '../../shared/api';
import type { AppInfo, BridgeEvent, ChannelResult, CheckedArgsOf, CredentialStatus, InvokeChannel } from '../../shared/ipc';
import { DEMO_PROFILE_ID, type ConnectionProfile } from '../../shared/profiles';
import type { CredentialVault } from '../credentials';
import { writeFileAtomic } from '../files/atomic-write';
import { defaultExportName, exportDocument, type JournalStore } from '../journal';
import type { ProfileStore } from '../profiles';
import type { Session } from '../session';
import { requestError, RequestError, UnsyncedChangesError } from './failures';

/*
 * One function per channel, each given arguments the contract has already checked. They talk
 * to the profile store, the vault and the session, and say "no" by throwing a RequestError
 * (field errors) before anything is changed.
 */

export interface BridgeServices {
  /** Read on each call: the locale is known only after Electron's `ready`. */
  readonly app: () => AppInfo;
  readonly profiles: ProfileStore;
  readonly vault: CredentialVault;
  readonly session: Session;
  /** The outbox journals (electron/journal). */
  readonly journal: JournalStore;
  /**
   * Asks the user where to save a file (journal.export), proposing `defaultName`; null when they
   * cancel. The shell passes Electron's save dialog; tests a temp path. Without it, exporting fails.
   */
  readonly chooseSavePath?: (defaultName: string) => Promise<string | null>;
  readonly now?: () => Date;
}

export type Handlers = { readonly [C in InvokeChannel]: (args: CheckedArgsOf<C>) => Promise<ChannelResult<C>> };

export function createHandlers(services: BridgeServices, emit: (event: BridgeEvent) => void, log: (line: string) => void): Handlers {
  const { profiles, vault, session, journal } = services;
  const now = services.now ?? (() => new Date());

  const valid = <T>(result: { ok: true; value: T } | { ok: false; errors: FieldErrors }): T => {
    if (!result.ok) throw new RequestError(result.errors);
    return result.value;
  };

  async function existing(id: string, field: string): Promise<ConnectionProfile> {
    const profile = await profiles.get(id);
    if (!profile) throw requestError(field, 'No such profile (it may have been deleted)');
    return profile;
  }

  async function changed(): Promise<void> {
    emit({ name: 'profiles.changed', payload: { activeId: (await profiles.active()).id } });
  }

  async function status(profile: ConnectionProfile): Promise<CredentialStatus> {
    const backend = await vault.backend();
    if (profile.kind === 'demo') return { clientSecret: true, apiKey: true, builtIn: true, backend };
    const [clientSecret, apiKey] = await Promise.all([vault.has(profile.id, 'clientSecret'), vault.has(profile.id, 'apiKey')]);
    return { clientSecret, apiKey, builtIn: false, backend };
  }

  async function ownSecrets(profileId: string): Promise<ConnectionProfile> {
    const profile = await existing(profileId, 'profileId');
    if (profile.kind === 'demo' || profile.id === DEMO_PROFILE_ID) {
      throw requestError('profileId', 'The Demo profile uses the built-in sandbox credentials; it has no secrets to set');
    }
    return profile;
  }

  /** A destructive action on a profile with unsynced changes needs the user's confirmation (after an offer to export). */
  async function guardUnsynced(profileId: string, confirmed: boolean | undefined): Promise<void> {
    if (confirmed === true) return;
    const count = await journal.count(profileId);
    if (count > 0) throw new UnsyncedChangesError(count);
  }

  /** The new secret takes effect now; the probe runs in the background so the form answers at once. */
  function secretsChanged(profileId: string): void {
    session.credentialsChanged(profileId).catch((error: unknown) => log(`bridge: re-check after a credential change failed: ${String(error)}`));
  }

  return {
    'app.info': async () => services.app(),

    'profiles.list': async () => {
      const [list, active, recovery] = await Promise.all([profiles.list(), profiles.active(), profiles.recovery()]);
      return { profiles: [...list], activeId: active.id, ...(recovery ? { recovery: { ...recovery } } : {}) };
    },

    'profiles.create': async ({ input }) => {
      const profile = valid(await profiles.create(input));
      await changed();
      return profile;
    },

    'profiles.update': async ({ id, input }) => {
      const profile = valid(await profiles.update(id, input));
      // An edit of the live profile (a new URL, client id, mode) needs a new client.
      if ((await profiles.active()).id === id) await session.activate(profile);
      await changed();
      return profile;
    },

    'profiles.remove': async ({ id, confirmUnsynced }) => {
      // The store refuses the Demo profile itself; only a removable profile is guarded.
      if (id !== DEMO_PROFILE_ID) await guardUnsynced((await existing(id, 'id')).id, confirmUnsynced);
      const wasActive = (await profiles.active()).id === id;
      const removed = valid(await profiles.remove(id));
      // Its unsynced changes go with it: the user confirmed, or there were none.
      await journal.clear(id).catch((error: unknown) => log(`bridge: the journal of a removed profile could not be removed: ${String(error)}`));
      if (wasActive) await session.activate(removed.active);
      await changed();
      return { activeId: removed.active.id, secretsDeleted: removed.secretsDeleted };
    },

    'profiles.activate': async ({ id }) => {
      const wasActive = (await profiles.active()).id === id;
      const profile = valid(await profiles.setActive(id));
      if (!wasActive) {
        await session.activate(profile);
        await changed();
      }
      return profile;
    },

    'profiles.test': async ({ id }) => session.test(await existing(id, 'id')),

    'credentials.status': async ({ profileId }) => status(await existing(profileId, 'profileId')),

    'credentials.set': async ({ profileId, kind, value }) => {
      const profile = await ownSecrets(profileId);
      await vault.set(profile.id, kind, value);
      secretsChanged(profile.id);
      return status(profile);
    },

    'credentials.clear': async ({ profileId, kind, confirmUnsynced }) => {
      const profile = await ownSecrets(profileId);
      await guardUnsynced(profile.id, confirmUnsynced);
      await vault.delete(profile.id, kind);
      secretsChanged(profile.id);
      return status(profile);
    },

    'credentials.allowUnprotected': async ({ allow }) => {
      // The schema has already refused turning it on without the user's confirmation of the risk.
      const backend = await vault.allowUnprotected(allow);
      log(`bridge: unprotected storage of secrets ${allow ? 'allowed' : 'not allowed'} by the user; secrets: ${backend.kind}${backend.insecure ? ' (unprotected)' : ''}`);
      // The active profile's secrets may have become readable, or gone: sign in again with what is there now.
      secretsChanged((await profiles.active()).id);
      return { ...backend };
    },

    'api.call': async ({ operation, params, body, query }) => session.call(operation, params, body, query),

    'connectivity.check': async () => session.check(),

    'journal.append': async ({ profileId, records }) => journal.append((await existing(profileId, 'profileId')).id, records),

    'journal.read': async ({ profileId }) => journal.read((await existing(profileId, 'profileId')).id),

    'journal.export': async ({ profileId, entries }) => {
      const profile = await existing(profileId, 'profileId');
      const changes = entries ?? (await journal.read(profile.id)).entries;
      if (changes.length === 0) throw requestError('profileId', 'There are no unsynced changes to export');
      if (!services.chooseSavePath) throw new Error('journal.export: no save dialog was given to the bridge');
      const at = now();
      const path = await services.chooseSavePath(defaultExportName(profile, at));
      if (path === null) return { path: null, count: 0 };
      // The path comes from main's own dialog, never from the renderer.
      if (!isAbsolute(path)) throw new Error('journal.export: the save dialog answered with a relative path');
      await writeFileAtomic(path, exportDocument(profile, changes, at), { mode: 0o600 });
      log(`bridge: exported ${changes.length} unsynced change(s) of profile ${profile.id}`);
      return { path, count: changes.length };
    },

    'journal.clear': async ({ profileId }) => ({ cleared: await journal.clear((await existing(profileId, 'profileId')).id) }),
  };
}
