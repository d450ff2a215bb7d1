import { createFileStore, type FileStore, type FileStoreFs } from './file-store';
import type { SafeStorageFacade, VaultBackendInfo } from './types';

/*
 * Where secrets go when keytar cannot serve. Electron's safeStorage encrypts with a key the OS
 * protects (DPAPI, the macOS Keychain, or on Linux a key kept in libsecret or KWallet). On Linux
 * without either it silently falls back to 'basic_text': a key hard-coded in Chromium, which
 * protects nothing. That is refused unless the user has explicitly accepted it in Settings.
 */

export interface FallbackOptions {
  readonly file: string;
  readonly safeStorage?: SafeStorageFacade | undefined;
  readonly allowInsecureBasicText: boolean;
  readonly platform: NodeJS.Platform;
  readonly fs?: FileStoreFs | undefined;
}

export interface Fallback {
  readonly info: VaultBackendInfo;
  readonly store?: FileStore;
}

const LINUX_HINT = 'To keep secrets safe, install libsecret (Debian/Ubuntu: libsecret-1-0) and run a Secret Service '
  + 'such as GNOME Keyring or KWallet in your desktop session, then restart Fieldbook.';

/** Storage names that mean "no OS protection": Chromium's fixed key, or not known (asked before `ready`). */
const UNPROTECTED = new Set(['basic_text', 'unknown']);

export function chooseFallback(keychainProblem: string, options: FallbackOptions): Fallback {
  const why = `The OS keychain could not be used: ${keychainProblem.replace(/\.$/u, '')}.`;
  const hint = options.platform === 'linux' ? ` ${LINUX_HINT}` : '';
  const nowhere = `Secrets cannot be stored on this computer. ${why}`;
  const { safeStorage } = options;
  if (!safeStorage) return unavailable(`${nowhere}${hint}`);
  if (!safeStorage.isEncryptionAvailable()) {
    return unavailable(`${nowhere} Electron's safeStorage cannot encrypt either.${hint}`);
  }

  const storage = storageName(safeStorage, options.platform);
  const store = (): FileStore => createFileStore({ file: options.file, safeStorage, storage, fs: options.fs });
  if (options.platform === 'linux' && UNPROTECTED.has(storage)) {
    if (!options.allowInsecureBasicText) {
      return unavailable(`${nowhere} Electron's safeStorage found no keyring either (backend '${storage}'), so it could `
        + `only obfuscate secrets with a key built into every copy of the app.${hint} `
        + 'Or, at your own risk, allow unprotected storage of secrets in Settings.');
    }
    return {
      info: {
        kind: 'safeStorage',
        insecure: true,
        detail: `Unprotected file (safeStorage, ${storage}): secrets are only obfuscated, so anyone who can read `
          + `your files can read them. You allowed this in Settings. ${why}${hint}`,
      },
      store: store(),
    };
  }
  return { info: { kind: 'safeStorage', detail: `Encrypted file (safeStorage, ${storage}). ${why}` }, store: store() };
}

function storageName(safeStorage: SafeStorageFacade, platform: NodeJS.Platform): string {
  if (platform === 'linux') return safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  if (platform === 'win32') return 'DPAPI';
  if (platform === 'darwin') return 'macOS Keychain key';
  return 'os_crypt';
}

function unavailable(detail: string): Fallback {
  return { info: { kind: 'unavailable', detail } };
}

export function keychainName(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'linux':
      return 'OS keychain (libsecret / Secret Service)';
    case 'darwin':
      return 'OS keychain (macOS Keychain)';
    case 'win32':
      return 'OS keychain (Windows Credential Manager)';
    default:
      return 'OS keychain';
  }
}
