/*
 * Durability beyond IndexedDB: the outbox mirrored into the main process's journal, restored
 * from it when the database is lost, and destructive actions guarded while changes are unsynced.
 */
export {
  openDurableCache, resetDatabase, restoredSentence, differences,
  type DurableOpenOptions, type DurableOpenResult, type DurabilityReport,
} from './open';
export {
  attachMirror, mirrorOf,
  type JournalMirror, type JournalMirrorState, type JournalMirrorStatus, type JournalMirrorStatusStore, type MirrorOptions,
} from './mirror';
export { restoreEntries, restoredEntry, restoredFailureText, restoredMessage, salvageOutbox, type RestoreOutcome } from './restore';
export {
  clearCache, exportJournal, exportPendingChanges, profileIdOf, unsyncedCount, UnsyncedChangesError, type ExportOutcome,
} from './guards';
export { JournalError, journalPort, type JournalBridge, type JournalPort } from './port';
export { requestPersistence, type StorageLike } from './persistence';
export { fromJournalEntry, toJournalEntry } from './entry';
export {
  DurabilityError, durabilityTextOf, inEnglish, textOf, type DurabilityKey, type DurabilityParams, type DurabilityText,
} from './messages';
