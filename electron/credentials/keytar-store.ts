import type { KeytarApi, SecretStore } from './types';

/*
 * keytar is the first choice: the OS keychain (macOS Keychain, Windows Credential Manager,
 * libsecret / Secret Service on Linux). It is archived upstream and its native library may be
 * missing or unusable (Linux without libsecret, no D-Bus session, no Secret Service running,
 * built for the wrong Node ABI), so it is loaded lazily inside a try and probed once before use.
 */

export type KeytarLoader = () => Promise<KeytarApi>;

export const loadKeytar: KeytarLoader = async () => {
  const mod: unknown = await import('keytar');
  // keytar is CommonJS: under ESM its functions sit on `default`.
  const api = (mod as { default?: unknown }).default ?? mod;
  if (!isKeytarApi(api)) throw new Error('the keytar module does not have the expected functions');
  return api;
};

function isKeytarApi(value: unknown): value is KeytarApi {
  const api = value as Partial<Record<keyof KeytarApi, unknown>> | null;
  return !!api && typeof api.getPassword === 'function' && typeof api.setPassword === 'function'
    && typeof api.deletePassword === 'function';
}

/** Never a profile's account (those end in `:<kind>`). Only ever read, never written. */
const PROBE_ACCOUNT = 'fieldbook-probe';

export type KeytarProbe = { ok: true; store: SecretStore } | { ok: false; reason: string };

/**
 * Loads keytar and reads a probe entry. A read that finds nothing proves the keychain answers
 * without writing a stray item into the user's keychain or raising an unlock prompt.
 */
export async function probeKeytar(load: KeytarLoader, service: string, timeoutMs: number): Promise<KeytarProbe> {
  let api: KeytarApi;
  try {
    api = await load();
  } catch (error) {
    return { ok: false, reason: `keytar could not be loaded (${reasonOf(error)})` };
  }
  try {
    await withTimeout(api.getPassword(service, PROBE_ACCOUNT), timeoutMs);
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
  return { ok: true, store: keytarStore(api, service) };
}

function keytarStore(api: KeytarApi, service: string): SecretStore {
  return {
    get: (account) => api.getPassword(service, account),
    set: (account, value) => api.setPassword(service, account, value),
    delete: async (account) => {
      await api.deletePassword(service, account);
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A Secret Service that hangs (e.g. waiting on a prompt nobody sees) must not hang the app.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the keychain did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A short, single-line reason from a native error, for the settings screen. */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n')[0]?.trim() ?? '';
  return (line.length > 200 ? `${line.slice(0, 200)}…` : line) || 'unknown error';
}
