// The outbox journal: the renderer's unsynced changes, mirrored into an fsynced file per profile.
export {
  createJournalStore, DEFAULT_COMPACT_AT_BYTES, JOURNAL_EXTENSION,
  type JournalContent, type JournalFs, type JournalStore, type JournalStoreOptions,
} from './store';
export { parseJournal, type ParsedJournal } from './file';
export { defaultExportName, exportDocument, type ExportProfile } from './export';
