import type { ApiFailure } from '../../../shared/api/errors';
import type { Address } from '../../../shared/api/schemas';
import type { FieldbookDb } from '../cache/db';
import type { ConflictField, EntityKind, OutboxEntry, OutboxState } from '../cache/records';
import { specs, type Row } from './entities';
import { baseKeyOf, entityKeyOf } from './keys';
import { purgeCustomer } from './purge';
import { touched, type QueuedEntry } from './queue';
import { rowKeyOf, tableOf, writeTx } from './tables';
import { ensureBase, rebuild } from './working-copy';

/*
 * The state changes push makes to an entry, each one committed before push goes on: an entry
 * is `sending` in IndexedDB before its request leaves, so a crash can always be told apart
 * from "never sent".
 */

/**
 * Marks an entry `sending`; returns it as sent (body frozen), or null if it is no longer sendable.
 * `inFlightUntil` becomes its notBefore: every outcome of the request replaces it, so it only
 * matters for an entry whose drain died with it (see DrainOptions.inFlightGraceMs).
 */
export async function markSending(db: FieldbookDb, seq: number, inFlightUntil: number, knownIds?: () => Promise<string[]>): Promise<QueuedEntry | null> {
  return writeTx(db, async () => {
    const entry = await db.outbox.get(seq);
    if (!entry || (entry.state !== 'pending' && entry.state !== 'waiting')) return null;
    const sent: QueuedEntry = touched(entry as QueuedEntry, { state: 'sending', attempts: entry.attempts + 1, notBefore: inFlightUntil });
    if (knownIds) sent.knownIds = await knownIds();
    await db.outbox.put(sent);
    return sent;
  });
}

/** Changes an entry's delivery state (back to pending, on to attention, kept in sending with a back-off). */
export async function setState(
  db: FieldbookDb,
  seq: number,
  state: OutboxState,
  changes: { notBefore?: number; lastFailure?: ApiFailure | null; attempts?: number } = {},
): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(seq);
    if (entry) await db.outbox.put(touched(entry, { ...changes, state }));
  });
}

/** The server changed what the user changed: keep both sides for the user to choose. */
export async function recordConflict(db: FieldbookDb, entry: OutboxEntry, fields: ConflictField[], theirs: Row): Promise<void> {
  const seq = entry.seq as number;
  await writeTx(db, async () => {
    await db.conflicts.where('outboxSeq').equals(seq).delete();
    const { entityKey, entity, customerGuid } = entry;
    await db.conflicts.add({ entityKey, entity, customerGuid, outboxSeq: seq, fields, theirs, detectedAt: new Date().toISOString() });
    const current = await db.outbox.get(seq);
    if (current) await db.outbox.put(touched(current, { state: 'conflict', lastFailure: null }));
  });
}

/**
 * The server holds the entry's change: the entry goes, the server's version becomes the base,
 * a server-assigned id replaces the local one everywhere, and the working copy is rebuilt
 * over whatever is still queued. `server` is null when the record no longer exists.
 */
export async function settleEntry(db: FieldbookDb, entry: OutboxEntry, server: Row | null): Promise<string> {
  const { entity, customerGuid } = entry;
  const spec = specs[entity];
  return writeTx(db, async () => {
    await db.conflicts.where('outboxSeq').equals(entry.seq as number).delete();
    await db.outbox.delete(entry.seq as number);
    let id = entry.id;
    const serverId = server && spec.serverAssignsId ? String(server[spec.idField]) : undefined;
    if (entry.op === 'create' && serverId && serverId !== id) id = await rekey(db, entry, serverId);
    const key = [entity, baseKeyOf(entity, customerGuid, id)] as [string, string];
    if (server && entry.op !== 'delete') await db.bases.put({ entity, key: key[1], record: server, fetchedAt: new Date().toISOString() });
    else await db.bases.delete(key);
    if (entity === 'customer' && entry.op === 'delete') {
      if ((await db.outbox.where('customerGuid').equals(customerGuid).count()) === 0) await purgeCustomer(db, customerGuid);
      return id;
    }
    if (entity === 'customer' && entry.op === 'create' && server) await keepServerAddresses(db, customerGuid, server);
    if (entity === 'address') await patchCustomerBase(db, customerGuid, id, entry.op === 'delete' ? null : server);
    await rebuild(db, entity, customerGuid, id);
    return id;
  });
}

/** Swaps a local id for the server's in the id map, the queued entries, conflicts and the row. */
async function rekey(db: FieldbookDb, entry: OutboxEntry, serverId: string): Promise<string> {
  const { entity, customerGuid, id: localId, entityKey } = entry;
  const newKey = entityKeyOf(entity, customerGuid, serverId);
  await db.idMap.put({ localId, serverId, entity });
  await db.outbox.where('entityKey').equals(entityKey).modify((e) => {
    e.id = serverId;
    e.entityKey = newKey;
  });
  await db.conflicts.where('entityKey').equals(entityKey).modify((c) => {
    c.entityKey = newKey;
  });
  const table = tableOf(db, entity);
  const row = await table.get(rowKeyOf(entity, customerGuid, localId));
  await table.delete(rowKeyOf(entity, customerGuid, localId));
  if (row) await table.put({ ...row, id: serverId, serverId });
  return serverId;
}

/** A new customer's server-made addresses (the LEGAL one from the create) become cached rows. */
async function keepServerAddresses(db: FieldbookDb, customerGuid: string, server: Row): Promise<void> {
  const fetchedAt = new Date().toISOString();
  for (const address of (server['addresses'] ?? []) as Row[]) {
    const id = String(address['addressGuid']);
    if (!(await db.addresses.get(id))) {
      await db.addresses.put({ ...(address as unknown as Address), id, customerGuid, serverId: id, fetchedAt });
    }
  }
}

/** The customer's base carries its addresses: keep them in step with an address the server confirmed. */
async function patchCustomerBase(db: FieldbookDb, customerGuid: string, addressGuid: string, server: Row | null): Promise<void> {
  await ensureBase(db, 'customer', customerGuid, customerGuid);
  const base = await db.bases.get(['customer', customerGuid]);
  if (!base) return;
  const list = [...((base.record['addresses'] ?? []) as Row[])];
  const index = list.findIndex((a) => a['addressGuid'] === addressGuid);
  if (server && index >= 0) list[index] = server;
  else if (server) list.push(server);
  else if (index >= 0) list.splice(index, 1);
  await db.bases.put({ ...base, record: { ...base.record, addresses: list } });
}

/** The server GUIDs of one kind of child we know for a customer: its rows and bases (adopted ids are re-keyed rows). */
export async function knownServerIds(db: FieldbookDb, entity: EntityKind, customerGuid: string): Promise<string[]> {
  const known = new Set<string>();
  const rows = await tableOf(db, entity).where('customerGuid').equals(customerGuid).toArray();
  for (const row of rows) for (const field of ['serverId', specs[entity].idField]) if (typeof row[field] === 'string') known.add(row[field]);
  const bases = await db.bases.where('[entity+key]').between([entity, `${customerGuid}/`], [entity, `${customerGuid}/\uffff`]).primaryKeys();
  for (const [, key] of bases) known.add(key.slice(customerGuid.length + 1));
  if (entity === 'address') {
    const customer = await db.bases.get(['customer', customerGuid]);
    for (const a of (customer?.record['addresses'] ?? []) as Row[]) known.add(String(a['addressGuid']));
  }
  return [...known].filter((id) => id && !id.startsWith('local-')).map((id) => id.toLowerCase());
}
