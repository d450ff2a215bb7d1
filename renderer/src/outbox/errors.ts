import { summarizeErrors, type FieldErrors } from '../../../shared/api/validation';
import type { EntityKind, OutboxEntry, OutboxOp, OutboxState } from '../cache/records';

/*
 * What a local write throws. Every one of them is thrown before the write's transaction
 * commits, so a thrown error always means "nothing was changed".
 */

/** The input broke the API's rules; `fieldErrors` is what a form shows next to each field. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly entity: EntityKind,
    readonly fieldErrors: FieldErrors,
  ) {
    super(`The ${nounOf(entity)} was not saved: ${summarizeErrors(fieldErrors)}`);
  }
}

/** The record is not in the offline cache (never fetched, or deleted locally). */
export class NotInCacheError extends Error {
  override readonly name = 'NotInCacheError';
  constructor(
    readonly entity: EntityKind,
    readonly id: string,
  ) {
    super(`The ${nounOf(entity)} '${id}' is not in the offline cache (it may have been deleted)`);
  }
}

/** An outbox entry in a state that does not allow what was asked (e.g. discarding one on the wire). */
export class EntryStateError extends Error {
  override readonly name = 'EntryStateError';
}

/** What the UI needs to list an entry to the user. */
export interface EntrySummary {
  seq: number;
  entity: EntityKind;
  op: OutboxOp;
  customerGuid: string;
  id: string;
  state: OutboxState;
}

export const summarize = (entry: OutboxEntry): EntrySummary => ({
  seq: entry.seq ?? 0,
  entity: entry.entity,
  op: entry.op,
  customerGuid: entry.customerGuid,
  id: entry.id,
  state: entry.state,
});

/**
 * Deleting (or discarding the create of) a customer whose children still have queued edits:
 * the user must agree to lose them, so the call is repeated with `discardQueuedChildren`.
 */
export class QueuedChildrenError extends Error {
  override readonly name = 'QueuedChildrenError';
  constructor(
    readonly customerGuid: string,
    readonly entries: EntrySummary[],
  ) {
    super(`The customer has ${entries.length} unsynced change(s) to its addresses, parameters or other details; confirm that they may be discarded`);
  }
}

const nouns: Record<EntityKind, string> = {
  customer: 'customer',
  address: 'address',
  parameter: 'parameter',
  extraField: 'extra field',
  mandate: 'direct-debit mandate',
  creditInsurance: 'credit insurance',
  question: 'answer',
};

export const nounOf = (entity: EntityKind): string => nouns[entity];
