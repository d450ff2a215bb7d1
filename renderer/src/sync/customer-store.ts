import type { Customer } from '../../../shared/api/schemas';
import { toCachedCustomer } from '../cache/customer-index';
import type { FieldbookDb } from '../cache/db';
import type { Base, CachedCustomer } from '../cache/records';
import { hasQueued, queuedKeys, rebuildWorkingCopy, workingCopyTables } from './working-copies';

/*
 * Writing server versions of customers into the cache: the base (the server record, for the
 * three-way merge) and the working copy. Shared by the pull, the pull's final check and the
 * detail download, so all three treat pending edits alike. Idempotent: storing the same
 * server record twice leaves the same rows.
 */

/** The tables storeServerCustomers touches: a caller's transaction must include them. */
export const customerStoreTables = workingCopyTables;

export interface StoreStamp {
  fetchedAt: string;
  /** The pull pass that saw them; without it an existing record keeps its own (new ones get 0). */
  passId?: number;
  /** Set by a detail download; otherwise an existing record keeps its own. */
  detailFetchedAt?: string;
}

/** Stores server records as bases and rebuilds their working copies. Run inside a transaction. */
export async function storeServerCustomers(db: FieldbookDb, records: readonly Customer[], stamp: StoreStamp): Promise<void> {
  if (records.length === 0) return;
  const guids = records.map((r) => r.customerGuid);
  const [existing, queued] = await Promise.all([
    db.customers.bulkGet(guids),
    db.outbox.where('customerGuid').anyOfIgnoreCase(guids).toArray(),
  ]);
  const keys = queuedKeys(queued);
  // The customer's own edits, and address edits (its embedded addresses show them), need a rebuild.
  const withAddressEdits = new Set(queued.filter((e) => e.entity === 'address').map((e) => e.customerGuid.toLowerCase()));
  const bases: Base[] = [];
  const direct: CachedCustomer[] = [];
  const rebuilt: string[] = [];
  records.forEach((server, i) => {
    const guid = server.customerGuid;
    bases.push({ entity: 'customer', key: guid, record: server, fetchedAt: stamp.fetchedAt });
    if (hasQueued(keys, 'customer', guid, [guid]) || withAddressEdits.has(guid.toLowerCase())) {
      rebuilt.push(guid);
      return;
    }
    const previous = existing[i];
    direct.push(toCachedCustomer(server, {
      fetchedAt: stamp.fetchedAt,
      detailFetchedAt: stamp.detailFetchedAt ?? previous?.detailFetchedAt ?? null,
      passId: stamp.passId ?? previous?.passId ?? 0,
    }));
  });
  await db.bases.bulkPut(bases);
  await db.customers.bulkPut(direct);
  for (const guid of rebuilt) {
    await rebuildWorkingCopy(db, 'customer', guid, guid);
    // rebuild keeps the row's bookkeeping; this pass did see the customer, now.
    const stamps: Partial<CachedCustomer> = { fetchedAt: stamp.fetchedAt };
    if (stamp.passId !== undefined) stamps.passId = stamp.passId;
    if (stamp.detailFetchedAt !== undefined) stamps.detailFetchedAt = stamp.detailFetchedAt;
    await db.customers.update(guid, stamps);
  }
}
