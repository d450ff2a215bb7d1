import type { FieldErrors } from '../../shared/api';
import type { AppInfo, BridgeEvent, ChannelResult, CheckedArgsOf, CredentialStatus, InvokeChannel } from '../../shared/ipc';
import { DEMO_PROFILE_ID, type ConnectionProfile } from '../../shared/profiles';
import type { CredentialVault } from '../credentials';
import type { ProfileStore } from '../profiles';
import type { Session } from '../session';
import { requestError, RequestError } from './failures';

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
}

export type Handlers = { readonly [C in InvokeChannel]: (args: CheckedArgsOf<C>) => Promise<ChannelResult<C>> };

export function createHandlers(services: BridgeServices, emit: (event: BridgeEvent) => void, log: (line: string) => void): Handlers {
  const { profiles, vault, session } = services;

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

    'profiles.remove': async ({ id }) => {
      const wasActive = (await profiles.active()).id === id;
      const removed = valid(await profiles.remove(id));
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

    'credentials.clear': async ({ profileId, kind }) => {
      const profile = await ownSecrets(profileId);
      await vault.delete(profile.id, kind);
      secretsChanged(profile.id);
      return status(profile);
    },

    'api.call': async ({ operation, params, body, query }) => session.call(operation, params, body, query),

    'connectivity.check': async () => session.check(),
  };
}
