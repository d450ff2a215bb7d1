import type {
  AccruedInterest,
  Address,
  CreditInsurance,
  Customer,
  ExtraField,
  LedgerSummary,
  Mandate,
  Parameter,
  Question,
} from '../../../shared/api/schemas';
import type { ApiFailure } from '../../../shared/api/errors';

/*
 * What the offline cache holds. Every cached record is the WORKING copy: the last server
 * version with the user's queued edits laid over it, so every screen reads one place. The
 * server version itself is kept apart in `bases` (the base of a three-way merge), and the
 * edits themselves in the `outbox`. Badges (pending, conflict) are read from those small
 * tables, never stored on the record, so they cannot drift.
 */

/** The kinds of record the outbox can change. */
export type EntityKind = 'customer' | 'address' | 'parameter' | 'extraField' | 'mandate' | 'creditInsurance' | 'question';

/** When a record's server version was fetched (ISO); shown as "as of" while offline. */
interface Fetched {
  fetchedAt: string | null;
}

export interface CachedCustomer extends Customer, Fetched {
  /** Lower-cased sort keys of the list (its in-memory projection, customers/projection.ts, reads sortCity). */
  sortName: string;
  sortCity: string;
  /** Lower-cased words of name, references, ID number, e-mail, phones and city: search as you type. */
  searchTerms: string[];
  /** When full detail (every sub-resource) was last fetched; null for a list-only record. */
  detailFetchedAt: string | null;
  /** The pull pass that last saw it; a finished pass removes records older passes saw. */
  passId: number;
  /** Created offline and not yet on the server. */
  localOnly?: boolean;
}

/** Sub-resources the server gives a GUID get a local `id`: the GUID once known, a local one before. */
interface LocallyKeyed {
  id: string;
  customerGuid: string;
  /** The server's GUID; null until the create has synced. */
  serverId: string | null;
}

export type CachedAddress = Address & LocallyKeyed & Fetched;
export type CachedMandate = Mandate & LocallyKeyed & Fetched;
export type CachedCreditInsurance = CreditInsurance & LocallyKeyed & Fetched;
/** Parameters and extra fields are keyed by their name: the natural key needs no mapping. */
export type CachedParameter = Parameter & Fetched & { customerGuid: string; name: string };
export type CachedExtraField = ExtraField & Fetched & { customerGuid: string; name: string };
export type CachedQuestion = Question & Fetched & { customerGuid: string; answeredLocally?: boolean };
export interface CachedLedger extends Fetched {
  customerGuid: string;
  summary: LedgerSummary;
}
export interface CachedAccruedInterest extends Fetched {
  customerGuid: string;
  rows: AccruedInterest[];
}

/** The last server version of a record: `key` is `customerGuid`, or `customerGuid/id` for a child. */
export interface Base {
  entity: EntityKind;
  key: string;
  record: Record<string, unknown>;
  fetchedAt: string;
}

export type OutboxOp = 'create' | 'update' | 'delete' | 'respond';

/**
 * - `pending`: waiting to be sent
 * - `sending`: written just before the request; found at start-up it means the outcome is unknown
 * - `waiting`: held back behind something else (its parent's create, a conflict, a paused queue)
 * - `conflict`: the server changed the same field differently; the user chooses
 * - `attention`: the server refused it for good (its problem detail is kept); the user edits or discards
 */
export type OutboxState = 'pending' | 'sending' | 'waiting' | 'conflict' | 'attention';

export interface OutboxEntry {
  /** Global order: auto-incremented, so entries of one entity run in the order they were made. */
  seq?: number;
  entity: EntityKind;
  op: OutboxOp;
  customerGuid: string;
  /** The record's local id or natural key (child entries); the customerGuid for customer entries. */
  id: string;
  /** `entity:customerGuid/id`: entries with the same key run strictly in order. */
  entityKey: string;
  /** A create's body, an update's changed fields only (a patch), a question's response. */
  body: Record<string, unknown> | Record<string, unknown>[] | null;
  state: OutboxState;
  attempts: number;
  /** Not before (ms since epoch): back-off after a transient failure. */
  notBefore: number;
  lastFailure: ApiFailure | null;
  createdAt: string;
  updatedAt: string;
}

export interface ConflictField {
  field: string;
  base: unknown;
  theirs: unknown;
  yours: unknown;
}

export interface ConflictRecord {
  id?: number;
  entityKey: string;
  entity: EntityKind;
  customerGuid: string;
  outboxSeq: number;
  fields: ConflictField[];
  theirs: Record<string, unknown>;
  detectedAt: string;
}

/** A local id, once its create has synced, and the server id it became. */
export interface IdMapping {
  localId: string;
  serverId: string;
  entity: EntityKind;
}

/** Why a customer's full detail is kept offline (the briefcase). */
export interface BriefcaseEntry {
  customerGuid: string;
  keptOffline: boolean;
  /** Last opened (ISO): the most recent N opened stay in full. */
  openedAt: string | null;
  /** Part of a "prepare for offline" set. */
  prepared: boolean;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}
