import type { CustomerCreate, CustomerUpdate } from '../../../shared/api/schemas';
import type { FieldbookDb } from '../cache/db';
import type { OutboxEntry } from '../cache/records';
import { checkCreate } from './checks';
import { NotInCacheError, QueuedChildrenError, summarize, type EntrySummary } from './errors';
import { entityKeyOf } from './keys';
import { purgeCustomer } from './purge';
import { appendEntry, removeEntries } from './queue';
import { writeTx } from './tables';
import { writeUpdate, queueDelete } from './write';
import { chainOf, rebuild } from './working-copy';

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

/** Queues changes to a customer's update fields (`fullName` and the address fields cannot change this way). */
export function updateCustomer(db: FieldbookDb, customerGuid: string, changes: Partial<CustomerUpdate>): Promise<void> {
  return writeUpdate(db, 'customer', customerGuid, customerGuid, changes);
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
