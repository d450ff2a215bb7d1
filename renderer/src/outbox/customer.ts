import { mainAddressFields, type CustomerCreate, type CustomerUpdate } from '../../../shared/api/schemas';
import type { FieldbookDb } from '../cache/db';
import type { OutboxEntry } from '../cache/records';
import { checkCreate } from './checks';
import type { Row } from './entities';
import { EntryStateError, InvalidInputError, NotInCacheError, QueuedChildrenError, summarize, type EntrySummary } from './errors';
import { entityKeyOf } from './keys';
import { purgeCustomer } from './purge';
import { appendEntry, isModifiable, removeEntries, touched } from './queue';
import { writeTx } from './tables';
import { writeUpdate, queueDelete } from './write';
import { bodyOf, chainOf, rebuild } from './working-copy';

/*
 * Customers. One created offline gets its GUID here (the API accepts a client-assigned one),
 * so nothing has to be re-keyed when it syncs and a retried create is recognisable.
 */

/** Queues a new customer; returns its GUID. */
export async function createCustomer(db: FieldbookDb, input: CustomerCreate): Promise<string> {
  const customerGuid = input.customerGuid ?? crypto.randomUUID();
  const body = checkCreate('customer', { ...input, customerGuid });
  return writeTx(db, async () => {
    if (await db.customers.get(customerGuid)) throw new Error(`A customer with GUID ${customerGuid} is already in the cache`);
    await appendEntry(db, 'customer', 'create', customerGuid, customerGuid, body);
    await rebuild(db, 'customer', customerGuid, customerGuid);
    return customerGuid;
  });
}

/** Queues changes to a customer's update fields (`fullName` and the address fields cannot change this way; see updateCreatedAddress). */
export function updateCustomer(db: FieldbookDb, customerGuid: string, changes: Partial<CustomerUpdate>): Promise<void> {
  return writeUpdate(db, 'customer', customerGuid, customerGuid, changes);
}

/** The main-address fields a customer's create carries (the server makes them its LEGAL default address). */
export type CreatedAddress = Partial<Pick<CustomerCreate, (typeof mainAddressFields)[number]>>;

/** What a change to a queued create became: folded into it, or folded into a refused one that is then sent again. */
export type CreateFold = 'queued' | 'resent';

/**
 * Changes the main address of a customer created offline. Until its create has synced that
 * address is part of the create (no row, no GUID, nothing to send an address request to), so
 * the change goes INTO the create's body, never as a request of its own. By the state of the
 * create, as for any edit of a queued entry:
 * - pending or waiting → folded in
 * - refused (needs attention) → folded in, and the create is sent again at the next sync
 *   (editEntry's rule: a correction of a refused change replaces it)
 * - sending → it may be on the wire: the change waits for that attempt to end (an attempt made
 *   offline ends at once; the user saw "on its way to the server" while offline without this),
 *   at most `waitMs`, then follows the rules above; still sending after that → EntryStateError
 * - no create queued (the customer is on the server) → EntryStateError: the address is a record of its own now
 * A field given as null (or '') is cleared. Bad values throw InvalidInputError('address') at their
 * fields. Whatever it throws, nothing was changed.
 */
export interface CreateFoldOptions {
  /** How long a change waits for a send attempt of the create to end (default 15 s). */
  waitMs?: number;
}

export async function updateCreatedAddress(db: FieldbookDb, customerGuid: string, changes: CreatedAddress, options: CreateFoldOptions = {}): Promise<CreateFold> {
  const unknown = Object.keys(changes).filter((field) => !(mainAddressFields as readonly string[]).includes(field));
  if (unknown.length) {
    throw new InvalidInputError('address', Object.fromEntries(unknown.map((field) => [field, ['Is not a field of this request']])));
  }
  return foldIntoCreate(db, customerGuid, (body) => ({ ...body, ...changes }), options);
}

/** Removes the main address of a customer created offline: it is created without one. The rules of updateCreatedAddress. */
export function removeCreatedAddress(db: FieldbookDb, customerGuid: string, options: CreateFoldOptions = {}): Promise<CreateFold> {
  return foldIntoCreate(db, customerGuid, (body) => {
    const rest = { ...body };
    for (const field of mainAddressFields) delete rest[field];
    return rest;
  }, options);
}

/**
 * Resolves once no entry of the customer's create is `sending`, or after `waitMs`. Looked at
 * every 100 ms, and only while one is: a send attempt is rare and short (one made offline fails
 * at once), and this must work wherever the outbox does, without live queries.
 */
async function sendAttemptEnded(db: FieldbookDb, customerGuid: string, waitMs: number): Promise<void> {
  const key = entityKeyOf('customer', customerGuid, customerGuid);
  const sending = (): Promise<number> => db.outbox.where('entityKey').equals(key).filter((e) => e.state === 'sending').count();
  const until = Date.now() + waitMs;
  while ((await sending()) > 0 && Date.now() < until) await new Promise((wake) => setTimeout(wake, 100));
}

async function foldIntoCreate(db: FieldbookDb, customerGuid: string, change: (body: Row) => Row, options: CreateFoldOptions): Promise<CreateFold> {
  const waitMs = options.waitMs ?? 15_000;
  if (waitMs > 0) await sendAttemptEnded(db, customerGuid, waitMs);
  return writeTx(db, async () => {
    if (!(await db.customers.get(customerGuid))) throw new NotInCacheError('customer', customerGuid);
    const create = (await chainOf(db, entityKeyOf('customer', customerGuid, customerGuid)))[0];
    if (create?.op !== 'create') throw new EntryStateError('The customer is on the server now: its address is changed like any other');
    if (create.state === 'sending') throw new EntryStateError('The new customer is being sent right now; wait until the sync finishes');
    const refused = create.state === 'attention';
    if (!isModifiable(create) && !refused) throw new EntryStateError('A conflict is settled by choosing values');
    const next = change(bodyOf(create));
    // A cleared field is left out: the create then simply does not give it.
    for (const field of mainAddressFields) if (next[field] === null || next[field] === '') delete next[field];
    let body: Row;
    try {
      body = checkCreate('customer', { ...next, customerGuid });
    } catch (error) {
      // The form that changed it is the address's: its errors are the address's fields'.
      if (error instanceof InvalidInputError) throw new InvalidInputError('address', error.fieldErrors);
      throw error;
    }
    const reset = refused ? ({ state: 'pending', attempts: 0, notBefore: 0, lastFailure: null } as const) : {};
    await db.outbox.put(touched(create, { body, ...reset }));
    await rebuild(db, 'customer', customerGuid, customerGuid);
    return refused ? 'resent' : 'queued';
  });
}

export interface DeleteOptions {
  /** The user agreed to lose the unsynced changes to the customer's addresses, parameters, etc. */
  discardQueuedChildren?: boolean;
}

export interface DeleteOutcome {
  /** Queued child entries that were discarded (for the UI to say so). */
  discarded: EntrySummary[];
  /** Child entries already on the wire: they finish first, then the delete is sent. */
  inFlight: EntrySummary[];
}

/**
 * Queues a customer's delete. Queued changes to its children are never dropped silently:
 * without `discardQueuedChildren` this throws a QueuedChildrenError listing them.
 */
export async function deleteCustomer(db: FieldbookDb, customerGuid: string, options: DeleteOptions = {}): Promise<DeleteOutcome> {
  return writeTx(db, async () => {
    if (!(await db.customers.get(customerGuid))) throw new NotInCacheError('customer', customerGuid);
    const discarded = await discardChildren(db, customerGuid, options);
    const inFlight = (await childEntries(db, customerGuid)).map(summarize);
    const chain = await chainOf(db, entityKeyOf('customer', customerGuid, customerGuid));
    const neverSent = chain[0]?.op === 'create' && chain.every((e) => e.state !== 'sending');
    await queueDelete(db, 'customer', customerGuid, customerGuid);
    if (neverSent) await purgeCustomer(db, customerGuid);
    else await rebuild(db, 'customer', customerGuid, customerGuid);
    return { discarded, inFlight };
  });
}

export async function childEntries(db: FieldbookDb, customerGuid: string): Promise<OutboxEntry[]> {
  const entries = await db.outbox.where('customerGuid').equals(customerGuid).sortBy('seq');
  return entries.filter((e) => e.entity !== 'customer');
}

/**
 * Removes the queued child entries of a customer (never one on the wire) once the caller has
 * the user's consent, and puts those children back to their server version. Inside a transaction.
 */
export async function discardChildren(db: FieldbookDb, customerGuid: string, options: DeleteOptions): Promise<EntrySummary[]> {
  const removable = (await childEntries(db, customerGuid)).filter((e) => e.state !== 'sending');
  if (!removable.length) return [];
  if (!options.discardQueuedChildren) throw new QueuedChildrenError(customerGuid, removable.map(summarize));
  await removeEntries(db, removable);
  const records = new Map(removable.map((e) => [e.entityKey, e]));
  for (const entry of records.values()) await rebuild(db, entry.entity, customerGuid, entry.id);
  return removable.map(summarize);
}
