/*
 * The credential vault keeps a profile's client secret and API key out of every settings file,
 * IndexedDB and the renderer (api-contract.md, "Authorization"). Access tokens are deliberately
 * NOT a kind here: the API client keeps them in memory only. They live an hour at most and are
 * re-fetched with the client secret, so persisting them would add a keychain write per token
 * and a store of stale bearer credentials, and buy nothing.
 */

export const secretKinds = ['clientSecret', 'apiKey'] as const;
export type SecretKind = (typeof secretKinds)[number];

export interface VaultBackendInfo {
  readonly kind: 'keytar' | 'safeStorage' | 'unavailable';
  /** One or two sentences for the settings screen: where secrets are kept, or why nowhere and what to install. */
  readonly detail: string;
  /** Secrets are stored but only obfuscated (safeStorage's basic_text, accepted by the user). */
  readonly insecure?: boolean;
}

/** The backend in use, and the user's "allow unprotected storage" setting (the settings screen shows both). */
export interface VaultStatus extends VaultBackendInfo {
  /** The user allowed unprotected storage of secrets in Settings (false until they do). */
  readonly unprotectedAllowed: boolean;
}

export interface CredentialVault {
  backend(): Promise<VaultStatus>;
  /**
   * The Settings switch: remembers whether the user allows unprotected storage (safeStorage's
   * basic_text on Linux) and applies it now. Only a vault without a protected backend changes:
   * turning it on lets one store secrets obfuscated; turning it off deletes the secrets stored so
   * (anyone could read them) and leaves the vault unavailable. The keychain or an OS-protected
   * file stay in use whatever the setting. Throws VaultError when the setting cannot be saved.
   */
  allowUnprotected(allow: boolean): Promise<VaultStatus>;
  /** Throws VaultUnavailableError when no backend can store secrets, VaultError when the backend fails. */
  set(profileId: string, kind: SecretKind, value: string): Promise<void>;
  get(profileId: string, kind: SecretKind): Promise<string | null>;
  has(profileId: string, kind: SecretKind): Promise<boolean>;
  delete(profileId: string, kind: SecretKind): Promise<void>;
  /** Every secret of a profile: call it when the profile is deleted. */
  deleteAll(profileId: string): Promise<void>;
}

/**
 * Electron's `safeStorage`, handed in by electron/main: nothing outside electron/main and
 * electron/preload may import Electron. It must be used only after the app's `ready` event.
 */
export interface SafeStorageFacade {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown'. */
  getSelectedStorageBackend?(): string;
}

/** The three keytar calls the vault uses (keytar 7). */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Nowhere safe to keep secrets on this machine; `message` says why and what to install. */
export class VaultUnavailableError extends Error {
  override readonly name = 'VaultUnavailableError';
  /** Matches the bridge's `vault-unavailable` failure kind. */
  readonly code = 'vault-unavailable';
}

/** The backend exists but an operation failed (e.g. the keyring was locked or went away). */
export class VaultError extends Error {
  override readonly name = 'VaultError';
}

/** The user-facing name of a kind, for messages. */
export function describeKind(kind: SecretKind): string {
  return kind === 'clientSecret' ? 'client secret' : 'API key';
}

/** What a backend offers the vault: secrets by account name (`<profileId>:<kind>`). Internal. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<void>;
}
