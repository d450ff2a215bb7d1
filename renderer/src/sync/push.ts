import type { CustomersApi } from '../../../shared/api/call';
import { dispositionOf, failureOf, type ApiFailure } from '../../../shared/api/errors';
import type { FieldbookDb } from '../cache/db';
import type { OutboxEntry, OutboxState } from '../cache/records';
import { readRecord } from '../outbox/calls';
import { specs, type Row } from '../outbox/entities';
import { baseKeyOf, entityKeyOf } from '../outbox/keys';
import { assumedAfterAnswer, cleanUpdateBody, rereadOrUndefined, sendUpdate, sendWrite } from '../outbox/send';
import { knownServerIds, markSending, recordConflict, setState, settleEntry } from '../outbox/settle';
import { inParallel, readyChains, tally } from '../outbox/order';
import { mergeBaseOf } from '../outbox/queue';
import { bodyOf, chainOf } from '../outbox/working-copy';
import { nextAttemptAt } from './backoff';
import { fullUpdateBody, mergeFields } from './merge';
import { storedReason } from './messages';
import { deletedOnServer, parentGone, reconcileEntry, type Reconciled } from './reconcile';

/*
 * Push: drains the outbox to the server. Entries of one record run strictly in order; records
 * run concurrently (bounded). Every request is preceded by a committed `sending` mark, every
 * outcome is committed before the next entry of that record starts, and nothing is ever
 * dropped: a failure leaves the entry pending (back-off), in `sending` (outcome still unknown),
 * in `conflict` or in `attention` for the user.
 */

export interface DrainOptions {
  /** Records sent at the same time (default 6). */
  concurrency?: number;
  /** Stops taking new entries; requests already sent finish and are recorded. */
  signal?: AbortSignal;
  now?: () => number;
  random?: () => number;
  onProgress?: (done: number, total: number) => void;
  /** Passes over the outbox: a later pass sends what an earlier one unblocked (children after their customer). Default 10. */
  maxRounds?: number;
  /**
   * How long a request may still be on its way after the drain that sent it died (default 60 s:
   * the API client never retries a write; a token fetch and a request, twice after a 401, each
   * time out after 15 s). Requests run in the MAIN process, which outlives a renderer reload
   * (a profile switch reloads the window): an entry found in `sending` is not looked up before
   * this has passed since it was sent, or the look could come before the request lands, find
   * nothing, and send it a second time (a duplicate create).
   */
  inFlightGraceMs?: number;
}

export interface DrainResult {
  /** Entries the server now holds. */
  sent: number;
  /** Entries that became conflicts in this drain (the user chooses). */
  conflicts: number;
  /** Entries the server refused for good in this drain (the user edits or discards). */
  attention: number;
  /** Entries left for a later drain after a transient failure or still backing off. */
  retryLater: number;
  /** The drain stopped: the credential or the profile needs the user. Nothing was lost. */
  paused: null | 'reauth' | 'configure';
  /** Entries still queued, and when the earliest backing-off one may go (for the scheduler). */
  remaining: number;
  nextAttemptAt: number | null;
}

interface Drain {
  readonly db: FieldbookDb;
  readonly api: CustomersApi;
  readonly now: () => number;
  readonly inFlightGraceMs: number;
  readonly random: () => number;
  readonly signal: AbortSignal | undefined;
  readonly result: DrainResult;
  /** Records that stopped in this drain: later rounds leave them alone. */
  readonly stuck: Set<string>;
  /** Entries deferred by back-off during this drain. */
  readonly deferred: Set<number>;
  stop: boolean;
}

type Step = { next: false } | { next: true; key: string; fresh?: Row | undefined };
const halt: Step = { next: false };

const running = new WeakMap<FieldbookDb, Promise<DrainResult>>();

/** One drain per database at a time: a second call joins the running one. */
export function drainOutbox(db: FieldbookDb, api: CustomersApi, options: DrainOptions = {}): Promise<DrainResult> {
  const current = running.get(db);
  if (current) return current;
  const drain = run(db, api, options).finally(() => running.delete(db));
  running.set(db, drain);
  return drain;
}

async function run(db: FieldbookDb, api: CustomersApi, options: DrainOptions): Promise<DrainResult> {
  const d: Drain = {
    db, api, now: options.now ?? Date.now, inFlightGraceMs: options.inFlightGraceMs ?? 60_000, random: options.random ?? Math.random, signal: options.signal,
    result: { sent: 0, conflicts: 0, attention: 0, retryLater: 0, paused: null, remaining: 0, nextAttemptAt: null },
    stuck: new Set(), deferred: new Set(), stop: false,
  };
  const progress = { done: 0, total: 0 };
  const report = () => options.onProgress?.(progress.done, (progress.total = Math.max(progress.total, progress.done)));
  for (let round = 0; round < (options.maxRounds ?? 10) && !halted(d); round++) {
    const ready = readyChains(await db.outbox.toArray(), d.now(), d.stuck, d.deferred);
    if (!ready.length) break;
    progress.total += ready.reduce((n, chain) => n + chain.length, 0);
    report();
    await inParallel(ready.map((chain) => (chain[0] as OutboxEntry).entityKey), options.concurrency ?? 6, async (key) => {
      for (let step: Step = { next: true, key }, fresh: Row | undefined; step.next && !halted(d); ) {
        const entry = (await chainOf(db, step.key))[0];
        if (!entry || !sendable(entry, d.now())) break;
        const current: string = step.key;
        step = await runEntry(d, entry, fresh);
        progress.done++;
        report();
        if (!step.next) d.stuck.add(current);
        else fresh = step.fresh;
      }
    });
  }
  Object.assign(d.result, tally(await db.outbox.toArray(), d.now(), d.deferred));
  return d.result;
}

const questionClosed = storedReason.questionClosed;

const halted = (d: Drain): boolean => d.stop || d.signal?.aborted === true;
const sendable = (e: OutboxEntry, now: number): boolean => ['pending', 'waiting', 'sending'].includes(e.state) && e.notBefore <= now;

function runEntry(d: Drain, entry: OutboxEntry, fresh: Row | undefined): Promise<Step> {
  if (entry.state === 'sending') return recover(d, entry);
  return entry.op === 'update' ? update(d, entry, fresh) : write(d, entry);
}

async function write(d: Drain, entry: OutboxEntry): Promise<Step> {
  const { entity, customerGuid } = entry;
  // An answer is checked against the server BEFORE it is sent, as an update reads theirs first.
  // Reconcile counts a question that is gone after an unknown outcome as answered (by us), which
  // is only sound if it was still open when we sent. Without this look, a question the back
  // office closed while the user was offline came back as "needs attention" on a clean network
  // but as silently "sent" (the user's answer dropped) whenever the POST hit a 5xx or a crash.
  if (entry.op === 'respond') {
    let open: Row | null;
    try {
      open = await readRecord(d.api, entity, customerGuid, entry.id);
    } catch (error) {
      return failed(d, entry, error, false);
    }
    if (!open) return attention(d, entry, { kind: 'not-found', operation: 'respondToQuestion', message: questionClosed });
  }
  const guidCreate = entry.op === 'create' && specs[entity].serverAssignsId;
  const inFlightUntil = d.now() + d.inFlightGraceMs;
  const sent = await markSending(d.db, entry.seq as number, inFlightUntil, guidCreate ? () => knownServerIds(d.db, entity, customerGuid) : undefined);
  if (!sent) return halt;
  let server: Row | null | undefined;
  try {
    server = await sendWrite(d.api, sent);
  } catch (error) {
    return failed(d, sent, error, true);
  }
  return settled(d, sent, server === undefined ? await assumedAfterAnswer(d.db, sent) : server, server !== undefined);
}

/** Reads theirs (unless the chain just did), merges, and sends the full body, or records a conflict. */
async function update(d: Drain, entry: OutboxEntry, fresh: Row | undefined): Promise<Step> {
  let theirs = fresh;
  if (!theirs) {
    try {
      theirs = (await readRecord(d.api, entry.entity, entry.customerGuid, entry.id)) ?? undefined;
    } catch (error) {
      return failed(d, entry, error, false);
    }
    if (!theirs) return attention(d, entry, { kind: 'not-found', message: deletedOnServer(entry) });
  }
  const sent = await markSending(d.db, entry.seq as number, d.now() + d.inFlightGraceMs);
  if (!sent) return halt;
  const { entity, customerGuid, id } = sent;
  const stored = (await d.db.bases.get([entity, baseKeyOf(entity, customerGuid, id)]))?.record;
  const { resolved, conflicts } = mergeFields(mergeBaseOf(sent, stored), theirs, bodyOf(sent));
  if (conflicts.length) {
    await recordConflict(d.db, sent, conflicts, theirs);
    d.result.conflicts++;
    return halt;
  }
  // Every change is already on the server (changed back, or made the same remotely): nothing to send.
  if (!Object.keys(resolved).length) return settled(d, sent, theirs, true);
  const full = fullUpdateBody(specs[entity].updateFields, theirs, resolved);
  const { body, errors } = cleanUpdateBody(sent, full, Object.keys(resolved));
  if (errors) return attention(d, sent, { kind: 'validation', fieldErrors: errors, message: storedReason.notSent(errors) });
  try {
    await sendUpdate(d.api, sent, body);
  } catch (error) {
    return failed(d, sent, error, true);
  }
  const server = await rereadOrUndefined(d.api, sent);
  return settled(d, sent, server === undefined ? { ...theirs, ...body } : server, server !== undefined);
}

async function settled(d: Drain, entry: OutboxEntry, server: Row | null, isFresh: boolean): Promise<Step> {
  const id = await settleEntry(d.db, entry, server);
  d.result.sent++;
  return { next: true, key: entityKeyOf(entry.entity, entry.customerGuid, id), fresh: isFresh && server ? server : undefined };
}

async function failed(d: Drain, entry: OutboxEntry, error: unknown, wasSent: boolean): Promise<Step> {
  const failure = failureOf(error);
  if (!failure) throw error;
  const disposition = dispositionOf(failure);
  switch (disposition) {
    case 'retry':
      return later(d, entry, failure, wasSent ? 'pending' : entry.state, wasSent);
    case 'reconcile':
      return reconcileNow(d, entry, failure, await recheck(d, entry, failure));
    case 'reauth':
    case 'configure':
      // Refused before it was processed: back to pending, and the attempt does not count (nor the in-flight wait).
      await setState(d.db, entry.seq as number, wasSent ? 'pending' : entry.state, {
        attempts: entry.attempts - (wasSent ? 1 : 0),
        lastFailure: failure,
        ...(wasSent ? { notBefore: 0 } : {}),
      });
      return pause(d, disposition);
    case 'give-up':
      return refused(d, entry, failure);
  }
}

async function refused(d: Drain, entry: OutboxEntry, failure: ApiFailure): Promise<Step> {
  if (failure.kind === 'not-found') {
    if (entry.op === 'delete') return settled(d, entry, null, false); // already gone, as the user wanted
    const message =
      entry.op === 'create' ? parentGone
      : entry.op === 'respond' ? questionClosed
      : deletedOnServer(entry);
    return attention(d, entry, { ...failure, message });
  }
  // A create refused as a duplicate may be our own earlier attempt: look before giving up.
  if (failure.kind === 'conflict' && entry.op === 'create') {
    const outcome = await recheck(d, entry, failure);
    if (outcome === null) return halt;
    return outcome.kind === 'not-applied' ? attention(d, entry, failure) : reconcileNow(d, entry, failure, outcome);
  }
  return attention(d, entry, failure);
}

/** Reconciles an entry; null when that could not be done now (it then stays `sending`, or the drain pauses). */
async function recheck(d: Drain, entry: OutboxEntry, cause: ApiFailure): Promise<Reconciled | null> {
  try {
    return await reconcileEntry(d.db, d.api, entry);
  } catch (error) {
    const failure = failureOf(error);
    if (!failure) throw error;
    const disposition = dispositionOf(failure);
    if (disposition === 'reauth' || disposition === 'configure') {
      // The request has ended (it failed, or the in-flight wait passed): only the look is still to do.
      await setState(d.db, entry.seq as number, 'sending', { lastFailure: cause, notBefore: 0 });
      pause(d, disposition);
    } else {
      await later(d, entry, cause, 'sending', true);
    }
    return null;
  }
}

/** After a live unknown outcome: adopt what was applied; what was not is sent again after a back-off. */
async function reconcileNow(d: Drain, entry: OutboxEntry, cause: ApiFailure, outcome: Reconciled | null): Promise<Step> {
  if (outcome === null) return halt;
  if (outcome.kind === 'applied') return settled(d, entry, outcome.server, outcome.server !== null);
  if (outcome.kind === 'refused') return attention(d, entry, outcome.failure);
  return later(d, entry, cause, 'pending', true);
}

/** An entry found in `sending` when its turn came: a crash or an earlier unknown outcome. Look, then go on. */
async function recover(d: Drain, entry: OutboxEntry): Promise<Step> {
  const cause = entry.lastFailure ?? { kind: 'unknown-outcome', message: storedReason.appStopped };
  const outcome = await recheck(d, entry, cause);
  if (outcome?.kind !== 'not-applied') return reconcileNow(d, entry, cause, outcome);
  // Nothing reached the server: it is safe to send now.
  await setState(d.db, entry.seq as number, 'pending', {});
  const pending: OutboxEntry = { ...entry, state: 'pending' };
  return entry.op === 'update' ? update(d, pending, outcome.theirs) : write(d, pending);
}

async function later(d: Drain, entry: OutboxEntry, failure: ApiFailure, state: OutboxState, counted: boolean): Promise<Step> {
  const attempts = counted ? entry.attempts : entry.attempts + 1;
  const notBefore = nextAttemptAt(d.now(), attempts, d.random, failure.retryAfterMs);
  await setState(d.db, entry.seq as number, state, { attempts, notBefore, lastFailure: failure });
  d.deferred.add(entry.seq as number);
  return halt;
}

async function attention(d: Drain, entry: OutboxEntry, failure: ApiFailure): Promise<Step> {
  await setState(d.db, entry.seq as number, 'attention', { lastFailure: failure });
  d.result.attention++;
  return halt;
}

function pause(d: Drain, why: 'reauth' | 'configure'): Step {
  d.result.paused = why;
  d.stop = true;
  return halt;
}
