/*
 * Asking the browser to keep this origin's storage under pressure (persistent storage): without
 * it Chromium may evict IndexedDB when the disk fills up. Electron grants it to the app's own
 * origin; in a plain browser it may be refused. The answer is shown, never required: the
 * journal keeps the unsynced changes either way.
 */

export type StorageLike = Pick<StorageManager, 'persist' | 'persisted'>;

export async function requestPersistence(storage: StorageLike | undefined = globalThis.navigator?.storage): Promise<boolean> {
  try {
    if (!storage?.persist) return false;
    return (await storage.persisted?.()) || (await storage.persist());
  } catch {
    return false;
  }
}
