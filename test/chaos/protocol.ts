/*
 * What the chaos test (Node) and its page (Chromium) say to each other: plain, cloneable data
 * only, since every call crosses page.evaluate(). The page turns each UserOp into one call of
 * the REAL outbox API; the answers are what that call returned or threw.
 */

export type Row = Record<string, unknown>;

export type ChildEntity = 'address' | 'parameter' | 'extraField' | 'mandate' | 'creditInsurance';
export type Entity = 'customer' | ChildEntity | 'question';

export type UserOp =
  | { kind: 'createCustomer'; input: Row }
  | { kind: 'updateCustomer'; customerGuid: string; changes: Row }
  | { kind: 'deleteCustomer'; customerGuid: string; discardQueuedChildren?: boolean }
  | { kind: 'createChild'; entity: ChildEntity; customerGuid: string; body: Row }
  | { kind: 'updateChild'; entity: Exclude<ChildEntity, 'mandate'>; customerGuid: string; id: string; changes: Row }
  | { kind: 'deleteChild'; entity: Exclude<ChildEntity, 'mandate'>; customerGuid: string; id: string }
  | { kind: 'respond'; customerGuid: string; actionGuid: string; answer: Row }
  /** The main address of a customer created offline (it is part of the queued create): changed, or removed. */
  | { kind: 'updateCreatedAddress'; customerGuid: string; changes: Row }
  | { kind: 'removeCreatedAddress'; customerGuid: string };

/** What a local write did: its result (a new id, a delete's outcome), or the error it threw. */
export type ApplyResult =
  | { ok: true; value: unknown }
  | { ok: false; error: { name: string; message: string; fieldErrors?: Record<string, string[]>; entries?: unknown[] } };

export interface DrainRequest {
  /** The page's clock for back-off decisions (virtual: the test advances it instead of waiting). */
  now: number;
  concurrency: number;
  /** Seed of the back-off jitter. */
  seed: number;
}

/** An outbox entry as the test sees it, with why it is not being sent (null: it can go). */
export interface EntryView {
  seq: number;
  entity: Entity;
  op: 'create' | 'update' | 'delete' | 'respond';
  customerGuid: string;
  id: string;
  entityKey: string;
  state: 'pending' | 'sending' | 'waiting' | 'conflict' | 'attention';
  body: unknown;
  lastFailure: { kind: string; message: string; status?: number } | null;
  waitReason: string | null;
}

export interface ConflictView {
  id: number;
  entity: Entity;
  customerGuid: string;
  entityKey: string;
  outboxSeq: number;
  fields: { field: string; base: unknown; theirs: unknown; yours: unknown }[];
}

export interface PageStatus {
  entries: EntryView[];
  conflicts: ConflictView[];
  /** Chains whose first entry could be sent now (back-off ignored). */
  sendable: number;
}

/** Every table of the cache that holds records, as plain rows. */
export interface CacheSnapshot {
  customers: Row[];
  addresses: Row[];
  parameters: Row[];
  extraFields: Row[];
  mandates: Row[];
  creditInsurances: Row[];
  questions: Row[];
  idMap: Row[];
}

export interface ChaosDriver {
  open(profileId: string): Promise<void>;
  apply(op: UserOp): Promise<ApplyResult>;
  drain(request: DrainRequest): Promise<unknown>;
  /** A full pull pass of every customer (`pageSize` rows a request, default 20); then full detail of `detail` (GUIDs). */
  pull(detail: string[], pageSize?: number): Promise<{ pull: unknown; detail: unknown[] }>;
  status(): Promise<PageStatus>;
  snapshot(): Promise<CacheSnapshot>;
  resolve(conflictId: number, choices: Record<string, 'base' | 'theirs' | 'yours'>): Promise<ApplyResult>;
  discard(seq: number): Promise<ApplyResult>;
  /** editEntry: the user corrects a refused entry's body; it is sent again at the next drain. */
  edit(seq: number, body: Row): Promise<ApplyResult>;
}

declare global {
  interface Window {
    chaos?: ChaosDriver;
  }
}
