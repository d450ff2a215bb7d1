import { join } from 'node:path';
import { chooseFallback, keychainName } from './fallback';
import type { FileStore, FileStoreFs } from './file-store';
import { loadKeytar, probeKeytar, reasonOf, type KeytarLoader } from './keytar-store';
import { DEFAULT_VAULT_SETTINGS_FILE, readAllowUnprotected, writeAllowUnprotected } from './settings';
import {
  describeKind, secretKinds, VaultError, VaultUnavailableError,
  type CredentialVault, type SafeStorageFacade, type SecretKind, type SecretStore, type VaultBackendInfo, type VaultStatus,
} from './types';

/*
 * Picks a backend once (lazily, on first use) and keeps it for the vault's life: secrets must
 * not end up split between the keychain and the file because the keychain hiccuped once. A
 * backend that fails later surfaces as a VaultError. The one exception is the "allow unprotected
 * storage" setting (settings.ts): when the user changes it, a vault whose backend depends on it
 * (none, or the unprotected file) chooses again. No method ever logs, and no error message
 * carries a secret.
 */

export interface CredentialVaultOptions {
  /** The app's data folder (`app.getPath('userData')`); the fallback file lives here. */
  readonly dataDir: string;
  /** Electron's safeStorage, from electron/main; without it there is no fallback. */
  readonly safeStorage?: SafeStorageFacade;
  /**
   * The user accepted safeStorage's unprotected 'basic_text' backend on Linux: the default until
   * the Settings switch was used once; from then on the settings file (settingsFileName) decides.
   */
  readonly allowInsecureBasicText?: boolean;
  /** The file, in dataDir, that remembers the Settings switch. */
  readonly settingsFileName?: string;
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
  const settingsFile = join(options.dataDir, options.settingsFileName ?? DEFAULT_VAULT_SETTINGS_FILE);
  let chosen: Promise<Backend> | undefined;
  let allowSetting: Promise<boolean> | undefined;
  let switching: Promise<unknown> = Promise.resolve();

  const backend = (): Promise<Backend> => (chosen ??= choose());
  const unprotectedAllowed = (): Promise<boolean> =>
    (allowSetting ??= readAllowUnprotected(settingsFile, options.fs).then((saved) => saved ?? options.allowInsecureBasicText ?? false));

  async function choose(): Promise<Backend> {
    const service = options.service ?? DEFAULT_SERVICE;
    const probe = await probeKeytar(options.loadKeytar ?? loadKeytar, service, options.probeTimeoutMs ?? 10_000);
    if (probe.ok) return { info: { kind: 'keytar', detail: keychainName(platform) }, store: probe.store };
    const fallback = chooseFallback(probe.reason, {
      file: join(options.dataDir, options.fileName ?? DEFAULT_SECRETS_FILE),
      safeStorage: options.safeStorage,
      allowInsecureBasicText: await unprotectedAllowed(),
      platform,
      fs: options.fs,
    });
    return { info: fallback.info, store: fallback.store, file: fallback.store };
  }

  async function status(): Promise<VaultStatus> {
    const { info, file } = await backend();
    const problem = await file?.problem().catch((error: unknown) => `The secrets file could not be read: ${reasonOf(error)}`);
    return { ...info, ...(problem ? { detail: `${info.detail} ${problem}` } : {}), unprotectedAllowed: await unprotectedAllowed() };
  }

  async function applyUnprotected(allow: boolean): Promise<VaultStatus> {
    const before = await unprotectedAllowed();
    const current = await backend();
    try {
      await writeAllowUnprotected(settingsFile, allow, options.fs);
    } catch (error) {
      throw new VaultError(`The setting could not be saved: ${reasonOf(error)}`);
    }
    allowSetting = Promise.resolve(allow);
    if (allow === before) return status();
    if (!allow && current.info.insecure) {
      // Only obfuscated: a file the user no longer allows would keep them readable to anyone.
      await current.file?.wipe().catch((error: unknown) => {
        throw new VaultError(`The secrets stored without protection could not be deleted (${reasonOf(error)}); delete ${
          options.fileName ?? DEFAULT_SECRETS_FILE} in Fieldbook's data folder yourself`);
      });
    }
    // The keychain, or a file with an OS-protected key, does not depend on the setting: it stays.
    if (current.info.kind === 'unavailable' || current.info.insecure) chosen = undefined;
    return status();
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
    backend: status,

    allowUnprotected(allow) {
      // One change at a time, each on the backend the previous one left.
      const run = switching.then(() => applyUnprotected(allow), () => applyUnprotected(allow));
      switching = run.catch(() => undefined);
      return run;
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
