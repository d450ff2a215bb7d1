import type { BridgeClient } from '../../../shared/ipc';
import type { ConnectionProfile } from '../../../shared/profiles';
import { openCache, type FieldbookDb } from '../cache/db';
import { getBridge } from './bridge';

/*
 * Start-up, as plain steps: find the bridge, ask main for the profiles, open the active
 * profile's cache, ask the browser to keep that cache (persistent storage). Every way this can
 * fail is a value the first screen can explain.
 */

export type BootResult =
  | { kind: 'no-bridge' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; bridge: BridgeClient; db: FieldbookDb; profile: ConnectionProfile; profiles: ConnectionProfile[]; persisted: boolean };

export async function boot(): Promise<BootResult> {
  const bridge = getBridge();
  if (!bridge) return { kind: 'no-bridge' };
  const listing = await bridge.profiles.list();
  if (!listing.ok) return { kind: 'failed', message: listing.failure.message };
  const { profiles, activeId } = listing.value;
  const profile = profiles.find((p) => p.id === activeId) ?? profiles[0];
  if (!profile) return { kind: 'failed', message: 'No connection profile is set up.' };
  const db = openCache(profile.id);
  try {
    await db.open();
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  return { kind: 'ready', bridge, db, profile, profiles, persisted: await requestPersistence() };
}

/** Asks that the cache survive storage pressure; the answer is shown, never required. */
async function requestPersistence(): Promise<boolean> {
  try {
    if (!navigator.storage?.persist) return false;
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return false;
  }
}
