import { createBridgeClient } from '../../../shared/ipc/client';
import type { CustomersApi } from '../../../shared/api/call';
import { openCache, type FieldbookDb } from '../../../renderer/src/cache/db';
import type { OutboxEntry } from '../../../renderer/src/cache/records';
import {
  createAddress, createCreditInsurance, createCustomer, createExtraField, createMandate, createParameter,
  deleteAddress, deleteCreditInsurance, deleteCustomer, deleteExtraField, deleteParameter, discardEntry,
  editEntry, removeCreatedAddress, respondToQuestion, updateAddress, updateCreatedAddress, updateCreditInsurance, updateCustomer,
  updateExtraField, updateParameter,
} from '../../../renderer/src/outbox';
import { dependenciesOf, readyChains, waitReason } from '../../../renderer/src/outbox/order';
import { resolveConflict } from '../../../renderer/src/sync/conflicts';
import { downloadDetail } from '../../../renderer/src/sync/detail';
import { pullCustomers } from '../../../renderer/src/sync/pull';
import { drainOutbox } from '../../../renderer/src/sync/push';
import type { ApplyResult, CacheSnapshot, ChaosDriver, ConflictView, DrainRequest, EntryView, PageStatus, UserOp } from '../protocol';

/*
 * The chaos test's page: the REAL renderer sync code (outbox writes, push, pull, detail,
 * conflicts) on Chromium's IndexedDB, talking to the API only through `window.fieldbook` (the
 * bridge) via createBridgeClient, exactly as the app does. `window.chaos` is a small driver the
 * Node side calls through page.evaluate(); it holds no state worth keeping, so a reload (the
 * test's crash) loses nothing but what the app would lose.
 */

let db: FieldbookDb | undefined;
let api: CustomersApi | undefined;

function session(): { db: FieldbookDb; api: CustomersApi } {
  if (!db || !api) throw new Error('chaos.open() first');
  return { db, api };
}

/** mulberry32, for the back-off jitter of one drain. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Errors as plain data (they cross page.evaluate()), with what a form would show. */
function errorOf(error: unknown): ApplyResult {
  const e = error as { name?: string; message?: string; fieldErrors?: Record<string, string[]>; entries?: unknown[] };
  return {
    ok: false,
    error: {
      name: e?.name ?? 'Error',
      message: e?.message ?? String(error),
      ...(e?.fieldErrors ? { fieldErrors: e.fieldErrors } : {}),
      ...(e?.entries ? { entries: structuredClone(e.entries) } : {}),
    },
  };
}

async function attempt(work: () => Promise<unknown>): Promise<ApplyResult> {
  try {
    const value = await work();
    return { ok: true, value: value === undefined ? null : structuredClone(value) };
  } catch (error) {
    return errorOf(error);
  }
}

// The driver hands the bodies on as the UI would; the outbox's own checks decide what is valid.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

function run(op: UserOp): Promise<unknown> {
  const { db } = session();
  switch (op.kind) {
    case 'createCustomer':
      return createCustomer(db, op.input as Loose);
    case 'updateCustomer':
      return updateCustomer(db, op.customerGuid, op.changes as Loose);
    case 'deleteCustomer':
      return deleteCustomer(db, op.customerGuid, op.discardQueuedChildren ? { discardQueuedChildren: true } : {});
    case 'createChild': {
      const create = {
        address: createAddress, parameter: createParameter, extraField: createExtraField,
        mandate: createMandate, creditInsurance: createCreditInsurance,
      }[op.entity] as (db: FieldbookDb, customerGuid: string, body: Loose) => Promise<string>;
      return create(db, op.customerGuid, op.body);
    }
    case 'updateChild': {
      const update = {
        address: updateAddress, parameter: updateParameter, extraField: updateExtraField, creditInsurance: updateCreditInsurance,
      }[op.entity] as (db: FieldbookDb, customerGuid: string, id: string, changes: Loose) => Promise<void>;
      return update(db, op.customerGuid, op.id, op.changes);
    }
    case 'deleteChild': {
      const remove = {
        address: deleteAddress, parameter: deleteParameter, extraField: deleteExtraField, creditInsurance: deleteCreditInsurance,
      }[op.entity] as (db: FieldbookDb, customerGuid: string, id: string) => Promise<void>;
      return remove(db, op.customerGuid, op.id);
    }
    case 'respond':
      return respondToQuestion(db, op.customerGuid, op.actionGuid, op.answer as Loose);
    case 'updateCreatedAddress':
      return updateCreatedAddress(db, op.customerGuid, op.changes as Loose);
    case 'removeCreatedAddress':
      return removeCreatedAddress(db, op.customerGuid);
  }
}

function viewOf(entry: OutboxEntry, entries: readonly OutboxEntry[]): EntryView {
  const chain = entries.filter((e) => e.entityKey === entry.entityKey).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const head = chain[0] === entry;
  const deps = dependenciesOf(entries);
  return {
    seq: entry.seq as number,
    entity: entry.entity,
    op: entry.op,
    customerGuid: entry.customerGuid,
    id: entry.id,
    entityKey: entry.entityKey,
    state: entry.state,
    body: structuredClone(entry.body),
    lastFailure: entry.lastFailure ? { kind: entry.lastFailure.kind, message: entry.lastFailure.message, ...(entry.lastFailure.status ? { status: entry.lastFailure.status } : {}) } : null,
    waitReason: head ? waitReason(entry, deps, Number.MAX_SAFE_INTEGER) : 'behind',
  };
}

const driver: ChaosDriver = {
  async open(profileId) {
    db?.close();
    db = openCache(profileId);
    await db.open();
    const bridge = window.fieldbook;
    if (!bridge) throw new Error('window.fieldbook is missing: the bridge was not installed');
    api = createBridgeClient(bridge).api;
  },

  apply: (op) => attempt(() => run(op)),

  async drain(request: DrainRequest) {
    const { db, api } = session();
    const result = await drainOutbox(db, api, { now: () => request.now, random: prng(request.seed), concurrency: request.concurrency });
    return structuredClone(result);
  },

  async pull(detail, pageSize = 20) {
    const { db, api } = session();
    const pull = await pullCustomers(db, api, { scope: '', pageSize });
    // Four at a time, as the briefcase refresh downloads them.
    const reports: unknown[] = [];
    const queue = [...detail];
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let guid = queue.shift(); guid !== undefined; guid = queue.shift()) reports.push(await downloadDetail(db, api, guid));
    }));
    return structuredClone({ pull, detail: reports });
  },

  async status(): Promise<PageStatus> {
    const { db } = session();
    const entries = await db.outbox.orderBy('seq').toArray();
    const conflicts = await db.conflicts.toArray();
    return {
      entries: entries.map((e) => viewOf(e, entries)),
      conflicts: conflicts.map((c): ConflictView => ({
        id: c.id as number, entity: c.entity, customerGuid: c.customerGuid, entityKey: c.entityKey, outboxSeq: c.outboxSeq,
        fields: structuredClone(c.fields),
      })),
      sendable: readyChains(entries, Number.MAX_SAFE_INTEGER, new Set()).length,
    };
  },

  async snapshot(): Promise<CacheSnapshot> {
    const { db } = session();
    const [customers, addresses, parameters, extraFields, mandates, creditInsurances, questions, idMap] = await Promise.all([
      db.customers.toArray(), db.addresses.toArray(), db.parameters.toArray(), db.extraFields.toArray(),
      db.mandates.toArray(), db.creditInsurances.toArray(), db.questions.toArray(), db.idMap.toArray(),
    ]);
    return structuredClone({ customers, addresses, parameters, extraFields, mandates, creditInsurances, questions, idMap }) as unknown as CacheSnapshot;
  },

  resolve: (conflictId, choices) => attempt(() => resolveConflict(session().db, conflictId, choices)),

  discard: (seq) => attempt(() => discardEntry(session().db, seq, { discardQueuedChildren: true })),

  edit: (seq, body) => attempt(() => editEntry(session().db, seq, body)),
};

window.chaos = driver;
