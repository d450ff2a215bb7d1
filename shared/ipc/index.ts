// The IPC bridge's contract: channel names, schemas, inferred types, and the renderer's client.
export * from './names';
export * from './result';
export * from './contract';
export * from './client';
export { checkPayload } from './check';
export { defaultPayloadLimits, forbiddenKeys, payloadProblem, type PayloadLimits, type PayloadProblem } from './payload';
export { apiCallArgs, listQuerySchema, maxPathParamLength, type ApiCallArgs } from './api-call';
export {
  authStates, connectivityStates, maxSecretLength, secretKindSchema,
  type SecretKindName,
} from './schemas';
export {
  isJournalRemoval, journalEntityKinds, journalEntrySchema, journalOps, journalRecordSchema, journalRemovalReasons, journalStates,
  maxJournalExportEntries, maxJournalRecords,
  type JournalEntry, type JournalRecord, type JournalRemoval, type JournalRemovalReason, type JournalUpsert,
} from './journal';
