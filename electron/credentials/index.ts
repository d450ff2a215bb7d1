// The credential vault: a profile's client secret and API key, kept out of every settings file.
export { createCredentialVault, DEFAULT_SECRETS_FILE, DEFAULT_SERVICE, MAX_SECRET_LENGTH, type CredentialVaultOptions } from './vault';
export { loadKeytar, type KeytarLoader } from './keytar-store';
export { DEFAULT_VAULT_SETTINGS_FILE } from './settings';
export {
  secretKinds, VaultError, VaultUnavailableError,
  type CredentialVault, type KeytarApi, type SafeStorageFacade, type SecretKind, type VaultBackendInfo, type VaultStatus,
} from './types';
