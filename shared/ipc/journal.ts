import * as v from 'valibot';
import { objectOf, notList } from './object';

/*
 * The outbox journal as it crosses the bridge and as it lies on disk (electron/journal): an
 * upsert log of outbox entries keyed by their `seq`. An upsert carries the FULL current state of
 * an entry (after coalescing), a removal says why it left the outbox. Replaying the lines in
 * order gives the live entries: the unsynced changes, kept outside IndexedDB.
 *
 * The entry's shape is the renderer's outbox entry (renderer/src/cache/records.ts OutboxEntry
 * plus outbox/queue.ts QueuedEntry); shared/ cannot import the renderer, so the renderer checks
 * at compile time that these lists match its types (renderer/src/durability/entry.ts).
 */

export const journalEntityKinds = ['customer', 'address', 'parameter', 'extraField', 'mandate', 'creditInsurance', 'question'] as const;
export const journalOps = ['create', 'update', 'delete', 'respond'] as const;
export const journalStates = ['pending', 'sending', 'waiting', 'conflict', 'attention'] as const;
/**
 * Why an entry left the outbox: `synced` (the server holds it), `discarded` (by the user, or
 * replaced by a later edit), `cleared` (the user cleared the cache and agreed to lose it),
 * `reconciled` (at start the outbox no longer had it: its removal never reached the journal).
 */
export const journalRemovalReasons = ['synced', 'discarded', 'cleared', 'reconciled'] as const;

/** Records one journal.append may carry; the renderer splits larger batches. */
export const maxJournalRecords = 500;
/** Entries one journal.export may carry. */
export const maxJournalExportEntries = 5000;

const text = (max: number, what = 'Must be text') =>
  v.pipe(v.string(what), v.maxLength(max, `Must be at most ${max} characters`));
const requiredText = (max: number) => v.pipe(text(max), v.minLength(1, 'Is required'));

export const journalSeqSchema = v.pipe(
  v.number('Must be a number'),
  v.integer('Must be a whole number'),
  v.minValue(1, 'Must be at least 1'),
  v.maxValue(Number.MAX_SAFE_INTEGER, 'Is too large'),
);

const wholeNumber = v.pipe(v.number('Must be a number'), v.integer('Must be a whole number'), v.minValue(0, 'Must not be negative'));
const finiteNumber = v.pipe(v.number('Must be a number'), v.minValue(0, 'Must not be negative'));

/** A JSON object (a body, a patch, the values a patch replaces): the payload gate has already bounded it. */
const jsonObject = v.pipe(notList<Record<string, unknown>>(), v.record(v.string('Must be text'), v.unknown(), 'Must be an object'));

/** An entry's last failure, as the sync engine stored it (an ApiFailure). */
export const journalFailureSchema = objectOf({
  kind: requiredText(50),
  message: text(4000),
  operation: v.optional(text(100)),
  status: v.optional(wholeNumber),
  problem: v.optional(jsonObject),
  fieldErrors: v.optional(v.record(v.string('Must be text'), v.array(v.string('Must be text'), 'Must be a list'), 'Must be an object')),
  retryAfterMs: v.optional(finiteNumber),
});

export const journalEntrySchema = objectOf({
  seq: journalSeqSchema,
  entity: v.picklist(journalEntityKinds, 'Must be a kind of record the outbox changes'),
  op: v.picklist(journalOps, 'Must be create, update, delete or respond'),
  customerGuid: requiredText(200),
  id: requiredText(300),
  entityKey: requiredText(600),
  body: v.nullable(
    v.union([jsonObject, v.pipe(v.array(jsonObject, 'Must be a list of objects'), v.maxLength(1000, 'Has too many items'))], 'Must be an object, a list of objects or null'),
  ),
  state: v.picklist(journalStates, 'Must be an outbox state'),
  attempts: wholeNumber,
  notBefore: finiteNumber,
  lastFailure: v.nullable(journalFailureSchema),
  createdAt: requiredText(40),
  updatedAt: requiredText(40),
  baseValues: v.optional(jsonObject),
  knownIds: v.optional(v.pipe(v.array(text(200), 'Must be a list'), v.maxLength(10_000, 'Has too many items'))),
});
export type JournalEntry = v.InferOutput<typeof journalEntrySchema>;

export const journalUpsertSchema = v.pipe(
  objectOf({ seq: journalSeqSchema, entry: journalEntrySchema }),
  v.check((record) => record.entry.seq === record.seq, 'The entry must have the seq it is recorded under'),
);
export const journalRemovalSchema = objectOf({
  seq: journalSeqSchema,
  removed: v.literal(true, 'Must be true'),
  reason: v.picklist(journalRemovalReasons, 'Must be synced, discarded, cleared or reconciled'),
});
export const journalRecordSchema = v.union([journalUpsertSchema, journalRemovalSchema], 'Must be an entry ({seq, entry}) or a removal ({seq, removed, reason})');
export type JournalUpsert = v.InferOutput<typeof journalUpsertSchema>;
export type JournalRemoval = v.InferOutput<typeof journalRemovalSchema>;
export type JournalRecord = JournalUpsert | JournalRemoval;
export type JournalRemovalReason = (typeof journalRemovalReasons)[number];

export const isJournalRemoval = (record: JournalRecord): record is JournalRemoval => 'removed' in record;
