import type { Customer } from '../../../shared/api/schemas';
import { toCachedCustomer } from '../cache/customer-index';
import type { FieldbookDb } from '../cache/db';
import type { Base, CachedCustomer } from '../cache/records';
import { hasQueued, queuedKeys, rebuildWorkingCopy, workingCopyTables } from './working-copies';

/*
 * Writing server versions of customers into the cache. Shared by the pull, the pull's final
 * check and the detail download, so all three treat pending edits alike. Idempotent: storing
 * the same server record twice leaves the same rows.
 *
 * BASES ARE LAZY. A customer with nothing queued IS its server version, so its base (the
 * server record the three-way merge and the working-copy rebuild start from) would be a
 * second copy of the same data: every pulled customer cost two IndexedDB records instead of
 * one, and Chromium's IndexedDB costs about the same per record whatever its size (the
 * first-download benchmark spent half its time writing bases nobody read). So a base is
 * written where it is read: when the customer is first edited (outbox ensureBase copies the
 * row), for a customer that has queued edits now, and to refresh a base that already exists
 * (one left from an earlier edit must never go stale, or the next edit would start from it).
 */

/** The tables storeServerCustomers touches: a caller's transaction must include them. */
export const customerStoreTables = workingCopyTables;

export interface StoreStamp {
  fetchedAt: string;
  /** The pull pass that saw them; without it an existing record keeps its own (new ones get 0). */
  passId?: number;
  /** Set by a detail download; otherwise an existing record keeps its own. */
  detailFetchedAt?: string;
  /**
   * The records are one page of a key-ordered read (the pull): their bases are read as one key
   * range instead of one lookup per record. Any set of records is correct either way; a
   * scattered set would read the whole span between its lowest and highest key.
   */
  keyOrdered?: boolean;
}

/** Stores server records, their bases where one is wanted, and rebuilds their working copies. Run inside a transaction. */
export async function storeServerCustomers(db: FieldbookDb, records: readonly Customer[], stamp: StoreStamp): Promise<void> {
  if (records.length === 0) return;
  const guids = records.map((r) => r.customerGuid);
  const asRange = stamp.keyOrdered === true && sameCase(guids);
  const [basesHeld, queued] = await Promise.all([
    heldBases(db, guids, asRange),
    db.outbox.where('customerGuid').anyOfIgnoreCase(guids).toArray(),
  ]);
  const keys = queuedKeys(queued);
  // The customer's own edits, and address edits (its embedded addresses show them), need a rebuild.
  const withAddressEdits = new Set(queued.filter((e) => e.entity === 'address').map((e) => e.customerGuid.toLowerCase()));
  const bases: Base[] = [];
  const direct: Customer[] = [];
  const rebuilt: string[] = [];
  for (const server of records) {
    const guid = server.customerGuid;
    const edited = hasQueued(keys, 'customer', guid, [guid]) || withAddressEdits.has(guid.toLowerCase());
    if (edited || basesHeld.has(guid)) bases.push({ entity: 'customer', key: guid, record: server, fetchedAt: stamp.fetchedAt });
    if (edited) rebuilt.push(guid);
    else direct.push(server);
  }
  if (bases.length) await db.bases.bulkPut(bases);
  if (direct.length) {
    await db.customers.modify(direct.map((c) => c.customerGuid), (rows) => {
      for (const server of direct) {
        const previous = rows.get(server.customerGuid);
        rows.set(server.customerGuid, toCachedCustomer(server, {
          fetchedAt: stamp.fetchedAt,
          detailFetchedAt: stamp.detailFetchedAt ?? previous?.detailFetchedAt ?? null,
          passId: stamp.passId ?? previous?.passId ?? 0,
        }));
      }
    });
  }
  for (const guid of rebuilt) {
    await rebuildWorkingCopy(db, 'customer', guid, guid);
    // rebuild keeps the row's bookkeeping; this pass did see the customer, now.
    const stamps: Partial<CachedCustomer> = { fetchedAt: stamp.fetchedAt };
    if (stamp.passId !== undefined) stamps.passId = stamp.passId;
    if (stamp.detailFetchedAt !== undefined) stamps.detailFetchedAt = stamp.detailFetchedAt;
    await db.customers.update(guid, stamps);
  }
}

/**
 * A server orders GUIDs its own way; IndexedDB orders upper case before lower case. A page that
 * mixes the two would span most of the table locally, so it is read key by key instead.
 */
function sameCase(keys: readonly string[]): boolean {
  const lower = keys[0] === keys[0]?.toLowerCase();
  return keys.every((key) => (key === key.toLowerCase()) === lower);
}

/** The lowest and highest key, in IndexedDB's order (UTF-16 code units, as JS compares strings). */
function spanOf(keys: readonly string[]): [string, string] {
  let low = keys[0] as string;
  let high = low;
  for (const key of keys) {
    if (key < low) low = key;
    if (key > high) high = key;
  }
  return [low, high];
}

async function heldBases(db: FieldbookDb, guids: readonly string[], asRange: boolean): Promise<Set<string>> {
  let keys: [string, string][];
  if (asRange) {
    const [low, high] = spanOf(guids);
    keys = (await db.bases.where('[entity+key]').between(['customer', low], ['customer', high], true, true).primaryKeys()) as [string, string][];
  } else {
    const rows = await db.bases.bulkGet(guids.map((guid): [string, string] => ['customer', guid]));
    keys = rows.flatMap((row) => (row ? [[row.entity, row.key] as [string, string]] : []));
  }
  return new Set(keys.map(([, key]) => key));
}
