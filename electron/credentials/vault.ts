import { join } from 'node:path';
import { chooseFallback, keychainName } from './fallback';
import type { FileStore, FileStoreFs } from './file-store';
import { loadKeytar, probeKeytar, reasonOf, type KeytarLoader } from './keytar-store';
import {
  describeKind, secretKinds, VaultError, VaultUnavailableError,
  type CredentialVault, type SafeStorageFacade, type SecretKind, type SecretStore, type VaultBackendInfo,
} from './types';

/*
 * Picks a backend once (lazily, on first use) and keeps it for the vault's life: secrets must
 * not end up split between the keychain and the file because the keychain hiccuped once. A
 * backend that fails later surfaces as a VaultError. When the "allow unprotected storage" setting
 * changes, electron/main creates a new vault. No method ever logs, and no error message carries
 * a secret.
 */

export interface CredentialVaultOptions {
  /** The app's data folder (`app.getPath('userData')`); the fallback file lives here. */
  readonly dataDir: string;
  /** Electron's safeStorage, from electron/main; without it there is no fallback. */
  readonly safeStorage?: SafeStorageFacade;
  /** The user accepted safeStorage's unprotected 'basic_text' backend on Linux (a setting). */
  readonly allowInsecureBasicText?: boolean;
  /** Defaults to importing keytar; tests inject one that fails as when libsecret is missing. */
  readonly loadKeytar?: KeytarLoader;
  /** The keychain service name; keychain accounts are `<profileId>:<kind>`. */
  readonly service?: string;
  readonly platform?: NodeJS.Platform;
  readonly probeTimeoutMs?: number;
  readonly fileName?: string;
  readonly fs?: FileStoreFs;
}

export const DEFAULT_SERVICE = 'Fieldbook';
export const DEFAULT_SECRETS_FILE = 'secrets.json';
/** Windows Credential Manager holds at most 2560 bytes; client secrets and API keys are far shorter. */
export const MAX_SECRET_LENGTH = 2048;

interface Backend {
  readonly info: VaultBackendInfo;
  readonly store?: SecretStore;
  readonly file?: FileStore;
}

export function createCredentialVault(options: CredentialVaultOptions): CredentialVault {
  const platform = options.platform ?? process.platform;
  let chosen: Promise<Backend> | undefined;

  const backend = (): Promise<Backend> => (chosen ??= choose());

  async function choose(): Promise<Backend> {
    const service = options.service ?? DEFAULT_SERVICE;
    const probe = await probeKeytar(options.loadKeytar ?? loadKeytar, service, options.probeTimeoutMs ?? 10_000);
    if (probe.ok) return { info: { kind: 'keytar', detail: keychainName(platform) }, store: probe.store };
    const fallback = chooseFallback(probe.reason, {
      file: join(options.dataDir, options.fileName ?? DEFAULT_SECRETS_FILE),
      safeStorage: options.safeStorage,
      allowInsecureBasicText: options.allowInsecureBasicText ?? false,
      platform,
      fs: options.fs,
    });
    return { info: fallback.info, store: fallback.store, file: fallback.store };
  }

  /** Runs an operation on the backend, turning its failure into a message without the secret. */
  async function attempt<T>(what: string, secret: string | undefined, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      const reason = secret ? reasonOf(error).split(secret).join('***') : reasonOf(error);
      throw new VaultError(`${what}: ${reason}`);
    }
  }

  async function get(profileId: string, kind: SecretKind): Promise<string | null> {
    const account = accountOf(profileId, kind);
    const { info, store } = await backend();
    if (!store) return null;
    return attempt(`The ${describeKind(kind)} could not be read (${info.kind})`, undefined, () => store.get(account));
  }

  async function remove(profileId: string, kind: SecretKind): Promise<void> {
    const account = accountOf(profileId, kind);
    const { info, store } = await backend();
    if (!store) return;
    await attempt(`The ${describeKind(kind)} could not be deleted (${info.kind})`, undefined, () => store.delete(account));
  }

  // Plain closures, not `this`: IPC handlers may pass `vault.get` around on its own.
  return {
    async backend() {
      const { info, file } = await backend();
      const problem = await file?.problem().catch((error: unknown) => `The secrets file could not be read: ${reasonOf(error)}`);
      return problem ? { ...info, detail: `${info.detail} ${problem}` } : info;
    },

    async set(profileId, kind, value) {
      const account = accountOf(profileId, kind);
      checkSecret(value);
      const { info, store } = await backend();
      if (!store) throw new VaultUnavailableError(`The ${describeKind(kind)} cannot be saved. ${info.detail}`);
      await attempt(`The ${describeKind(kind)} could not be saved (${info.kind})`, value, () => store.set(account, value));
    },

    get,
    has: async (profileId, kind) => (await get(profileId, kind)) !== null,
    delete: remove,

    async deleteAll(profileId) {
      for (const kind of secretKinds) await remove(profileId, kind);
    },
  };
}

/** Ids and kinds may come from IPC; a bad one is a programming error, so it throws. */
function accountOf(profileId: unknown, kind: unknown): string {
  if (typeof profileId !== 'string' || profileId === '' || profileId.length > 200 || /\p{Cc}/u.test(profileId)) {
    throw new TypeError('The profile id must be 1 to 200 printable characters');
  }
  // The kind is not quoted: a caller that swapped the arguments would print the secret.
  if (!secretKinds.includes(kind as SecretKind)) throw new TypeError(`The kind of secret must be one of ${secretKinds.join(', ')}`);
  return `${profileId}:${kind as SecretKind}`;
}

function checkSecret(value: unknown): void {
  if (typeof value !== 'string' || value === '' || value.length > MAX_SECRET_LENGTH) {
    throw new TypeError(`A secret must be text of 1 to ${MAX_SECRET_LENGTH} characters (to remove one, delete it)`);
  }
}
