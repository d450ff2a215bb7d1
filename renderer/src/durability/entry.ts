import type { ApiFailure, FailureKind } from '../../../shared/api/errors';
import type { OperationName } from '../../../shared/api/routes';
import type { JournalEntry, JournalRecord, JournalRemovalReason } from '../../../shared/ipc';
import { journalEntityKinds, journalOps, journalStates } from '../../../shared/ipc';
import type { EntityKind, OutboxOp, OutboxState } from '../cache/records';
import type { QueuedEntry } from '../outbox/queue';

/*
 * An outbox entry as the journal keeps it, and back. The journal's schema lives in shared/ipc
 * (the main process validates every record against it); these checks make the build fail when
 * the outbox entry gains a field or a kind the journal does not know, instead of the journal
 * silently dropping it.
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatch: Same<(typeof journalEntityKinds)[number], EntityKind> = true;
const opsMatch: Same<(typeof journalOps)[number], OutboxOp> = true;
const statesMatch: Same<(typeof journalStates)[number], OutboxState> = true;
void [kindsMatch, opsMatch, statesMatch];

/** Every field of a queued entry, as the journal keeps it: a new field of QueuedEntry is a compile error here. */
const _fields = {
  seq: true, entity: true, op: true, customerGuid: true, id: true, entityKey: true, body: true, state: true, attempts: true,
  notBefore: true, lastFailure: true, createdAt: true, updatedAt: true, baseValues: true, knownIds: true,
} as const satisfies Record<keyof QueuedEntry, true>;
const journalFields: Same<keyof typeof _fields, keyof JournalEntry> = true;
void journalFields;

function failureOf(failure: ApiFailure): NonNullable<JournalEntry['lastFailure']> {
  const { kind, message, operation, status, problem, fieldErrors, retryAfterMs } = failure;
  return {
    kind, message,
    ...(operation === undefined ? {} : { operation }),
    ...(status === undefined ? {} : { status }),
    ...(problem === undefined ? {} : { problem: { ...problem } }),
    ...(fieldErrors === undefined ? {} : { fieldErrors: { ...fieldErrors } }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

/** The journal's copy of an entry (a deep copy: the outbox's object may change later). */
export function toJournalEntry(entry: QueuedEntry): JournalEntry {
  if (typeof entry.seq !== 'number') throw new Error('An outbox entry without a seq cannot be journaled');
  const copy: JournalEntry = {
    seq: entry.seq, entity: entry.entity, op: entry.op, customerGuid: entry.customerGuid, id: entry.id, entityKey: entry.entityKey,
    body: entry.body, state: entry.state, attempts: entry.attempts, notBefore: entry.notBefore,
    lastFailure: entry.lastFailure ? failureOf(entry.lastFailure) : null, createdAt: entry.createdAt, updatedAt: entry.updatedAt,
  };
  if (entry.baseValues !== undefined) copy.baseValues = entry.baseValues;
  if (entry.knownIds !== undefined) copy.knownIds = entry.knownIds;
  return structuredClone(copy);
}

/** An entry read back from the journal, as the outbox stores it. */
export function fromJournalEntry(entry: JournalEntry): QueuedEntry {
  const copy = structuredClone(entry);
  const { lastFailure, baseValues, knownIds, ...rest } = copy;
  const queued: QueuedEntry = {
    ...rest,
    lastFailure: lastFailure ? ({ ...lastFailure, kind: lastFailure.kind as FailureKind, operation: lastFailure.operation as OperationName | undefined } as ApiFailure) : null,
  };
  if (baseValues !== undefined) queued.baseValues = baseValues;
  if (knownIds !== undefined) queued.knownIds = knownIds;
  return queued;
}

export const upsertOf = (entry: QueuedEntry): JournalRecord => {
  const copy = toJournalEntry(entry);
  return { seq: copy.seq, entry: copy };
};

export const removalOf = (seq: number, reason: JournalRemovalReason): JournalRecord => ({ seq, removed: true, reason });

/** JSON with its keys sorted: two entries are the same change exactly when these are equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    return Object.fromEntries(Object.keys(item).sort().map((key) => [key, (item as Record<string, unknown>)[key]]));
  });
}

export const sameEntry = (a: JournalEntry, b: JournalEntry): boolean => canonical(a) === canonical(b);
