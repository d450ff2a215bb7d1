import type { BridgeClient } from '../../../shared/ipc';
import type { ConnectionProfile } from '../../../shared/profiles';
import type { FieldbookDb } from '../cache/db';
import { openDurableCache, type DurabilityReport, type JournalMirror } from '../durability';
import { t } from '../i18n/index.svelte';
import { getBridge } from './bridge';

/*
 * Start-up, as plain steps: find the bridge, ask main for the profiles, open the active
 * profile's cache durably (the outbox journal is read first, and unsynced changes lost from
 * IndexedDB are restored from it; durability/open.ts), ask the browser to keep that cache.
 * Every way this can fail is a value the first screen can explain: a sentence in the user's
 * language (what happened, what to do), and the technical words, if any, for support.
 */

export type BootResult =
  | { kind: 'no-bridge' }
  | {
      kind: 'failed';
      /** What happened and what the user can do, in the UI's language. */
      message: string;
      /** The technical words (an error's name, message and stack; main's failure), for support. */
      detail?: string | undefined;
    }
  | {
      kind: 'ready';
      bridge: BridgeClient;
      db: FieldbookDb;
      profile: ConnectionProfile;
      profiles: ConnectionProfile[];
      persisted: boolean;
      /** What opening found: restored changes, journal notes (`message` is shown once). */
      durability: DurabilityReport;
      mirror: JournalMirror;
    };

/** An error's name, message and stack, as support needs them. */
export function technicalDetail(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const head = `${error.name}: ${error.message}`;
  return error.stack?.includes(error.message) ? error.stack : [head, error.stack].filter(Boolean).join('\n');
}

/** Start-up threw, where nothing expected it to: said in the user's language, the error kept for support. */
export function unexpectedBootFailure(error: unknown): BootResult {
  return { kind: 'failed', message: t('boot.unexpected'), detail: technicalDetail(error) };
}

export async function boot(): Promise<BootResult> {
  const bridge = getBridge();
  if (!bridge) return { kind: 'no-bridge' };
  const listing = await bridge.profiles.list();
  if (!listing.ok) return { kind: 'failed', message: t('boot.profilesUnreadable'), detail: listing.failure.message };
  const { profiles, activeId } = listing.value;
  const profile = profiles.find((p) => p.id === activeId) ?? profiles[0];
  if (!profile) return { kind: 'failed', message: t('boot.noProfile') };
  try {
    const opened = await openDurableCache(profile.id, bridge);
    // Said in the language of the start-up screen, which has no language switch of its own.
    if (opened.kind === 'unavailable') return { kind: 'failed', message: t(opened.message.key, opened.message.params) };
    const { db, mirror, report } = opened;
    return { kind: 'ready', bridge, db, profile, profiles, persisted: report.persisted, durability: report, mirror };
  } catch (error) {
    return unexpectedBootFailure(error);
  }
}
