import * as nodeFs from 'node:fs/promises';
import { dirname } from 'node:path';
import { removeStaleTempFiles, setAside, syncFolder, writeFileAtomic, type StoreFs } from '../files/atomic-write';
import { reasonOf } from './keytar-store';
import type { SafeStorageFacade, SecretStore } from './types';

/*
 * The fallback when the OS keychain cannot be used: one file in the app's data folder, holding
 * every secret as a single blob encrypted by Electron's safeStorage (whose key the OS protects).
 * One blob rather than one entry per secret, so the file does not even show which profiles have
 * which secrets. Written atomically with mode 0600; an unreadable file is kept aside, never wiped.
 */

export type FileStoreFs = StoreFs;

export interface FileStoreOptions {
  readonly file: string;
  readonly safeStorage: SafeStorageFacade;
  /** safeStorage's backend name, recorded in the file so a later read failure can say why. */
  readonly storage: string;
  readonly fs?: FileStoreFs;
  readonly now?: () => Date;
}

export interface FileStore extends SecretStore {
  /** Loads the file if not yet done; says whether an unreadable file had to be set aside. */
  problem(): Promise<string | undefined>;
  /**
   * Deletes the file and every secret in it: for unprotected storage the user no longer allows
   * (its secrets are only obfuscated, so keeping the file would keep them readable to anyone).
   */
  wipe(): Promise<void>;
}

const FORMAT = 'fieldbook-secrets';

interface Envelope {
  readonly format: typeof FORMAT;
  readonly version: 1;
  readonly storage: string;
  readonly data: string;
}

export function createFileStore(options: FileStoreOptions): FileStore {
  const fs = options.fs ?? nodeFs;
  const { file, safeStorage } = options;
  let entries: ReadonlyMap<string, string> | undefined;
  let problem: string | undefined;
  let chain: Promise<unknown> = Promise.resolve();

  // One operation at a time: two concurrent set() calls must not each write their own copy.
  function serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = chain.then(operation, operation);
    chain = run.catch(() => undefined);
    return run;
  }

  async function load(): Promise<ReadonlyMap<string, string>> {
    if (entries) return entries;
    await removeStaleTempFiles(file, fs);
    let raw: string;
    try {
      raw = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return (entries = new Map());
    }
    let storage = 'unknown';
    try {
      const envelope = parseJson(raw, 'the file is not valid JSON') as Partial<Envelope>;
      if (envelope.format !== FORMAT || typeof envelope.data !== 'string') throw new Error('not a Fieldbook secrets file');
      storage = String(envelope.storage);
      entries = parseEntries(safeStorage.decryptString(Buffer.from(envelope.data, 'base64')));
    } catch (error) {
      const kept = await setAside(file, 'unreadable', fs, options.now?.());
      problem = `The saved secrets (encrypted with ${storage}) could not be read (${reasonOf(error)}); `
        + `the file was kept as ${kept}. Enter the secrets again.`;
      entries = new Map();
    }
    return entries;
  }

  async function save(next: ReadonlyMap<string, string>): Promise<void> {
    const data = safeStorage.encryptString(JSON.stringify(Object.fromEntries(next))).toString('base64');
    const envelope: Envelope = { format: FORMAT, version: 1, storage: options.storage, data };
    await fs.mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, `${JSON.stringify(envelope, null, 2)}\n`, { mode: 0o600, fs });
    entries = next;
  }

  return {
    problem: () => serial(async () => {
      await load();
      return problem;
    }),
    get: (account) => serial(async () => (await load()).get(account) ?? null),
    set: (account, value) => serial(async () => {
      const next = new Map(await load());
      next.set(account, value);
      await save(next);
    }),
    wipe: () => serial(async () => {
      await fs.rm(file, { force: true });
      await syncFolder(dirname(file), fs);
      entries = new Map();
      problem = undefined;
    }),
    delete: (account) => serial(async () => {
      const current = await load();
      if (!current.has(account)) return;
      const next = new Map(current);
      next.delete(account);
      await save(next);
    }),
  };
}

/** JSON.parse's own message quotes the input, which here may be a decrypted secret. */
function parseJson(text: string, failure: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(failure);
  }
}

function parseEntries(json: string): Map<string, string> {
  const value = parseJson(json, 'the decrypted content is not valid JSON');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('unexpected content');
  const map = new Map<string, string>();
  for (const [account, secret] of Object.entries(value)) {
    if (typeof secret !== 'string') throw new Error('unexpected content');
    map.set(account, secret);
  }
  return map;
}
