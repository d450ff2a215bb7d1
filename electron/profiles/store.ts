import { randomUUID } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { validate, type FieldErrors, type Validated } from '../../shared/api/validation';
import { DEMO_PROFILE_ID, profileInput, type ConnectionProfile, type ProfileFields } from '../../shared/profiles';
import type { CredentialVault } from '../credentials';
import { removeStaleTempFiles, setAside, writeFileAtomic, type StoreFs } from '../files/atomic-write';
import { initialState, parseState, serialize, type ProfilesState } from './file';

/*
 * Connection profiles: the non-secret settings, in profiles.json in the app's data folder. Every
 * change is validated first (a failure returns field errors and changes nothing) and then
 * written atomically before it becomes visible. Secrets are not here: when a profile is removed,
 * the store deletes its secrets through the vault it was given, so no caller can forget to.
 */

export interface ProfileStoreOptions {
  /** The app's data folder. */
  readonly dir: string;
  readonly fs?: StoreFs;
  /** Deletes a removed profile's secrets. Without it the caller must do so. */
  readonly vault?: Pick<CredentialVault, 'deleteAll'>;
  readonly fileName?: string;
  readonly now?: () => Date;
}

/** An unreadable profiles file found at start, set aside rather than overwritten. */
export interface ProfilesRecovery {
  /** The name the damaged file was kept under, in the same folder. */
  readonly keptAs: string;
  readonly message: string;
}

export interface RemovedProfile {
  /** The profile now active (the Demo profile when the removed one was active). */
  readonly active: ConnectionProfile;
  /** false without a vault, or when the vault failed (e.g. a locked keyring): tell the user. */
  readonly secretsDeleted: boolean;
}

export interface ProfileStore {
  list(): Promise<readonly ConnectionProfile[]>;
  get(id: string): Promise<ConnectionProfile | undefined>;
  active(): Promise<ConnectionProfile>;
  create(input: unknown): Promise<Validated<ConnectionProfile>>;
  /** Replaces every setting of a profile (the edit form sends them all). */
  update(id: string, input: unknown): Promise<Validated<ConnectionProfile>>;
  remove(id: string): Promise<Validated<RemovedProfile>>;
  setActive(id: string): Promise<Validated<ConnectionProfile>>;
  /** Set when profiles.json could not be read at start. */
  recovery(): Promise<ProfilesRecovery | undefined>;
}

export const DEFAULT_PROFILES_FILE = 'profiles.json';

const failure = (field: string, message: string): { ok: false; errors: FieldErrors } => ({ ok: false, errors: { [field]: [message] } });
const noSuchProfile = () => failure('id', 'No such profile (it may have been deleted)');

export function createProfileStore(options: ProfileStoreOptions): ProfileStore {
  const fs = options.fs ?? nodeFs;
  const file = join(options.dir, options.fileName ?? DEFAULT_PROFILES_FILE);
  let state: ProfilesState | undefined;
  let recovery: ProfilesRecovery | undefined;
  let chain: Promise<unknown> = Promise.resolve();

  // One change at a time, each on the state the previous one left.
  function serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = chain.then(operation, operation);
    chain = run.catch(() => undefined);
    return run;
  }

  async function load(): Promise<ProfilesState> {
    if (state) return state;
    await removeStaleTempFiles(file, fs);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return (state = initialState);
    }
    const parsed = parseState(text);
    if (parsed.ok) return (state = parsed.state);
    const keptAs = await setAside(file, 'corrupt', fs, options.now?.());
    recovery = {
      keptAs,
      message: `The saved connection profiles could not be read (${parsed.reason}). The file was kept as ${keptAs} `
        + 'and Fieldbook started with the Demo profile only.',
    };
    return (state = initialState);
  }

  async function save(next: ProfilesState): Promise<void> {
    await fs.mkdir(options.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, serialize(next), { mode: 0o600, fs });
    state = next;
  }

  const find = (current: ProfilesState, id: string) => current.profiles.find((profile) => profile.id === id);

  /** The schema's checks plus those that need the other profiles. */
  function check(current: ProfilesState, input: unknown, id?: string): Validated<ProfileFields> {
    const checked = validate(profileInput, input);
    if (!checked.ok) return checked;
    const name = checked.value.name.toLocaleLowerCase();
    if (current.profiles.some((profile) => profile.id !== id && profile.name.toLocaleLowerCase() === name)) {
      return failure('name', 'Another profile already has this name');
    }
    if (id === DEMO_PROFILE_ID && checked.value.kind !== 'demo') return failure('kind', 'The built-in Demo profile is always a demo profile');
    return checked;
  }

  return {
    list: () => serial(async () => (await load()).profiles),
    get: (id) => serial(async () => find(await load(), id)),
    active: () => serial(async () => {
      const current = await load();
      return find(current, current.activeId) ?? (current.profiles[0] as ConnectionProfile);
    }),

    create: (input) => serial(async () => {
      const current = await load();
      const checked = check(current, input);
      if (!checked.ok) return checked;
      const profile: ConnectionProfile = { id: randomUUID(), ...checked.value };
      await save({ ...current, profiles: [...current.profiles, profile] });
      return { ok: true, value: profile };
    }),

    update: (id, input) => serial(async () => {
      const current = await load();
      if (!find(current, id)) return noSuchProfile();
      const checked = check(current, input, id);
      if (!checked.ok) return checked;
      const profile: ConnectionProfile = { id, ...checked.value };
      await save({ ...current, profiles: current.profiles.map((p) => (p.id === id ? profile : p)) });
      return { ok: true, value: profile };
    }),

    remove: (id) => serial(async () => {
      const current = await load();
      if (id === DEMO_PROFILE_ID) return failure('id', 'The built-in Demo profile cannot be deleted');
      if (!find(current, id)) return noSuchProfile();
      // Secrets first: if the app stops halfway, a profile without secrets is visible and
      // fixable, while secrets without a profile would sit in the keychain unseen.
      const secretsDeleted = options.vault ? await options.vault.deleteAll(id).then(() => true, () => false) : false;
      const activeId = current.activeId === id ? DEMO_PROFILE_ID : current.activeId;
      const next = { activeId, profiles: current.profiles.filter((profile) => profile.id !== id) };
      await save(next);
      return { ok: true, value: { active: find(next, activeId) as ConnectionProfile, secretsDeleted } };
    }),

    setActive: (id) => serial(async () => {
      const current = await load();
      const profile = find(current, id);
      if (!profile) return noSuchProfile();
      if (current.activeId !== id) await save({ ...current, activeId: id });
      return { ok: true, value: profile };
    }),

    recovery: () => serial(async () => {
      await load();
      return recovery;
    }),
  };
}
