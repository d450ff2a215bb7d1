import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/*
 * Settings and secrets files are replaced, never edited in place: a crash or a full disk halfway
 * through a write must leave the previous version readable. The new content goes to a temp file
 * in the same folder (rename is only atomic within one file system), is fsynced, and then
 * renamed over the old file.
 */

/** The part of node:fs/promises the writer uses; tests pass one whose rename "crashes". */
export type AtomicFs = Pick<typeof nodeFs, 'open' | 'rename' | 'rm' | 'readdir'>;
/** What a store of one JSON file needs: the writer's part plus reading and creating its folder. */
export type StoreFs = AtomicFs & Pick<typeof nodeFs, 'readFile' | 'mkdir'>;

export interface AtomicWriteOptions {
  /** Applied when the temp file is created, so the content is never readable by others. */
  readonly mode?: number;
  readonly fs?: AtomicFs;
}

const TEMP_SUFFIX = '.tmp';

function tempPathFor(path: string): string {
  return join(dirname(path), `${basename(path)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const temp = tempPathFor(path);
  let handle: nodeFs.FileHandle | undefined;
  try {
    // 'wx': never follow or reuse a file someone else put at the temp name.
    handle = await fs.open(temp, 'wx', options.mode ?? 0o600);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path), fs);
}

/** Makes a rename, a new file or a removal durable. Windows cannot open a folder, and there it does not matter. */
export async function syncFolder(folder: string, fs: AtomicFs): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // Best effort: the data itself is already synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Removes temp files that a crash left between write and rename. Fieldbook runs as a single
 * instance, so no other writer can own them.
 */
export async function removeStaleTempFiles(path: string, fs: AtomicFs = nodeFs): Promise<void> {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = await fs.readdir(dirname(path));
  } catch {
    return;
  }
  const stale = names.filter((name) => name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX));
  await Promise.all(stale.map((name) => fs.rm(join(dirname(path), name), { force: true }).catch(() => undefined)));
}

/**
 * Moves an unreadable file out of the way (`<name>.<label>-<timestamp>`) so the app can start
 * afresh without destroying what may still be recovered by hand. Returns the new file name.
 */
export async function setAside(path: string, label: string, fs: AtomicFs = nodeFs, now: Date = new Date()): Promise<string> {
  // No colons: the name must be valid on Windows too.
  const kept = `${basename(path)}.${label}-${now.toISOString().replace(/[:.]/gu, '-')}`;
  await fs.rename(path, join(dirname(path), kept));
  return kept;
}
