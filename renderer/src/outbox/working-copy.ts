import type { Address, Customer } from '../../../shared/api/schemas';
import { toCachedCustomer } from '../cache/customer-index';
import type { FieldbookDb } from '../cache/db';
import type { CachedCustomer, EntityKind, OutboxEntry } from '../cache/records';
import { localRecord, type Row } from './entities';
import { baseKeyOf, entityKeyOf, isLocalId } from './keys';
import { recordOfRow, rowKeyOf, tableOf } from './tables';

/*
 * The working copy of a record is always DERIVED: its base (the last server version) with the
 * queued entries replayed over it in order. Every write, discard, conflict resolution and push
 * outcome ends by calling rebuild(), so the copy cannot drift from base + outbox. Must run
 * inside a transaction over writeTables().
 */

export const bodyOf = (entry: Pick<OutboxEntry, 'body'>): Row => (entry.body && !Array.isArray(entry.body) ? entry.body : {});

/** The entries of one record, oldest first: the order they must reach the server in. */
export function chainOf(db: FieldbookDb, entityKey: string): Promise<OutboxEntry[]> {
  return db.outbox.where('entityKey').equals(entityKey).sortBy('seq');
}

/** Replays one entry over a record (null: no record). */
export function replay(entity: EntityKind, record: Row | null, entry: OutboxEntry): Row | null {
  const body = bodyOf(entry);
  switch (entry.op) {
    case 'create':
      return localRecord(entity, body, entry.id);
    case 'update':
      return record && { ...record, ...body };
    case 'delete':
      return null;
    case 'respond':
      // An answer closes the question on the server; a postponement moves it.
      if (!record) return null;
      return body['response'] ? { ...record, answeredLocally: true } : { ...record, processAt: body['postponeTo'] ?? record['processAt'] };
  }
}

/**
 * The first time a record is edited its server version becomes its base, unless the pull
 * already stored one: with nothing queued, the working copy IS the server version.
 */
export async function ensureBase(db: FieldbookDb, entity: EntityKind, customerGuid: string, id: string): Promise<void> {
  const key = baseKeyOf(entity, customerGuid, id);
  if (await db.bases.get([entity, key])) return;
  if ((await db.outbox.where('entityKey').equals(entityKeyOf(entity, customerGuid, id)).count()) > 0) return;
  const row = await tableOf(db, entity).get(rowKeyOf(entity, customerGuid, id));
  if (!row) return;
  const fetchedAt = typeof row['fetchedAt'] === 'string' ? row['fetchedAt'] : new Date().toISOString();
  await db.bases.put({ entity, key, record: recordOfRow(entity, row), fetchedAt });
}

/** Recomputes one record's working copy from its base and its queued entries. */
export async function rebuild(db: FieldbookDb, entity: EntityKind, customerGuid: string, id: string): Promise<void> {
  const table = tableOf(db, entity);
  const rowKey = rowKeyOf(entity, customerGuid, id);
  const [existing, base, entries] = await Promise.all([
    table.get(rowKey),
    db.bases.get([entity, baseKeyOf(entity, customerGuid, id)]),
    chainOf(db, entityKeyOf(entity, customerGuid, id)),
  ]);
  let record: Row | null = base ? structuredClone(base.record) : null;
  for (const entry of entries) record = replay(entity, record, entry);
  if (!record) {
    await table.delete(rowKey);
    if (entity === 'address') await refreshCustomerRow(db, customerGuid);
    return;
  }
  const fetchedAt = base?.fetchedAt ?? null;
  if (entity === 'customer') {
    const localOnly = entries.some((e) => e.op === 'create');
    await writeCustomerRow(db, record, existing as CachedCustomer | undefined, fetchedAt, localOnly, base?.record);
    return;
  }
  const row: Row = { ...record, customerGuid, fetchedAt: fetchedAt ?? existing?.['fetchedAt'] ?? null };
  if (entity === 'address' || entity === 'mandate' || entity === 'creditInsurance') {
    Object.assign(row, { id, serverId: isLocalId(id) ? null : id });
  }
  if (entity === 'parameter' || entity === 'extraField') row['name'] = id;
  await table.put(row);
  if (entity === 'address') await refreshCustomerRow(db, customerGuid);
}

async function writeCustomerRow(
  db: FieldbookDb,
  record: Row,
  existing: CachedCustomer | undefined,
  fetchedAt: string | null,
  localOnly: boolean,
  baseRecord: Row | undefined,
): Promise<void> {
  const customerGuid = record['customerGuid'] as string;
  const serverAddresses = (baseRecord?.['addresses'] ?? record['addresses'] ?? []) as Address[];
  const customer = { ...record, addresses: await embeddedAddresses(db, customerGuid, serverAddresses) } as Customer;
  await db.customers.put(
    toCachedCustomer(customer, {
      fetchedAt: fetchedAt ?? existing?.fetchedAt ?? null,
      detailFetchedAt: existing?.detailFetchedAt ?? null,
      // A customer created offline was seen by no pull pass; the pull must keep it while it is queued.
      passId: existing?.passId ?? 0,
      localOnly,
    }),
  );
}

/**
 * A customer carries its addresses inside it (the list's city column and search read them):
 * its server addresses with every queued address edit laid over them.
 */
async function embeddedAddresses(db: FieldbookDb, customerGuid: string, serverAddresses: readonly Address[]): Promise<Address[]> {
  const list = serverAddresses.map((a) => structuredClone(a));
  const queued = await db.outbox.where('customerGuid').equals(customerGuid).filter((e) => e.entity === 'address').toArray();
  for (const id of new Set(queued.map((e) => e.id))) {
    const row = await db.addresses.get(id);
    const index = list.findIndex((a) => a.addressGuid === id);
    if (row) {
      const address = recordOfRow('address', row as unknown as Row) as Address;
      if (index >= 0) list[index] = address;
      else list.push(address);
    } else if (index >= 0) {
      list.splice(index, 1);
    }
  }
  return list;
}

/** After an address changed: the customer's embedded addresses and its index fields (city) follow. */
export async function refreshCustomerRow(db: FieldbookDb, customerGuid: string): Promise<void> {
  const existing = await db.customers.get(customerGuid);
  if (!existing) return;
  const base = await db.bases.get(['customer', customerGuid]);
  const record = recordOfRow('customer', existing as unknown as Row);
  if (base) record['addresses'] = base.record['addresses'];
  const localOnly = existing.localOnly === true;
  await writeCustomerRow(db, record, existing, existing.fetchedAt, localOnly, base?.record ?? (localOnly ? record : undefined));
}
