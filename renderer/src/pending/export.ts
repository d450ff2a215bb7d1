import type { BridgeClient } from '../../../shared/ipc';
import type { FieldbookDb } from '../cache/db';
import { durabilityTextOf, exportJournal, exportPendingChanges, JournalError, type ExportOutcome } from '../durability';
import { t } from '../i18n/index.svelte';

/*
 * "Export pending changes": the durability module writes them through main's save dialog. The
 * active profile's changes come from its outbox (the freshest copy); another profile's from its
 * journal (its outbox is not open in this window).
 */

export type { ExportOutcome };

export function exportUnsynced(db: FieldbookDb, bridge: BridgeClient, activeProfileId: string, profileId: string = activeProfileId): Promise<ExportOutcome> {
  return profileId === activeProfileId ? exportPendingChanges(db, bridge) : exportJournal(bridge, profileId);
}

/** The reason an export failed, as a sentence (in the UI's language where Fieldbook itself refused). */
export function exportErrorText(error: unknown): string {
  const text = durabilityTextOf(error);
  if (text) return t(text.key, text.params);
  return error instanceof JournalError || error instanceof Error ? error.message : String(error);
}
