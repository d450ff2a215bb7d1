import { mergeFields, sameValue } from '../sync/merge';
import type { FieldbookDb } from '../cache/db';
import type { EntityKind, OutboxEntry } from '../cache/records';
import { checkCreate, checkUpdate } from './checks';
import type { Row } from './entities';
import { InvalidInputError, NotInCacheError } from './errors';
import { baseKeyOf, entityKeyOf, isLocalId, isNamed, newLocalId } from './keys';
import { appendEntry, baseValuesOf, isModifiable, mergeBaseOf, removeEntries, touched, type QueuedEntry } from './queue';
import { recordOfRow, rowKeyOf, tableOf, writeTx } from './tables';
import { bodyOf, chainOf, ensureBase, rebuild } from './working-copy';

/*
 * The three local writes every entity shares. Each is ONE transaction that changes the working
 * copy and appends or coalesces its outbox entry, after the body passed the shared schema.
 *
 * Coalescing, looking at the record's last queued entry:
 * - update after a create not yet sent → folds into the create's body
 * - update after an update not yet sent (or in conflict) → merges into its patch
 * - delete of a create never sent → removes the create and everything after it
 * - delete after updates not yet sent → replaces them
 * - anything after an entry in `sending` → appended (that one may be on the wire)
 */

async function currentRow(db: FieldbookDb, entity: EntityKind, customerGuid: string, id: string): Promise<Row> {
  const row = await tableOf(db, entity).get(rowKeyOf(entity, customerGuid, id));
  if (!row) throw new NotInCacheError(entity, id);
  return row;
}

/** A local id the UI still holds after push re-keyed the record to its server id. */
async function resolveId(db: FieldbookDb, entity: EntityKind, customerGuid: string, id: string): Promise<string> {
  if (!isLocalId(id) || (await tableOf(db, entity).get(rowKeyOf(entity, customerGuid, id)))) return id;
  return (await db.idMap.get(id))?.serverId ?? id;
}

export async function requireCustomer(db: FieldbookDb, customerGuid: string): Promise<void> {
  if (!(await db.customers.get(customerGuid))) throw new NotInCacheError('customer', customerGuid);
}

/** Queues the create of a sub-resource; returns its id (a local id, or its name for named ones). */
export async function writeCreate(db: FieldbookDb, entity: EntityKind, customerGuid: string, input: Row): Promise<string> {
  const body = checkCreate(entity, input);
  return writeTx(db, async () => {
    await requireCustomer(db, customerGuid);
    let id = newLocalId();
    if (isNamed(entity)) {
      id = body['name'] as string;
      const lower = id.toLowerCase();
      const taken = await tableOf(db, entity).where('customerGuid').equals(customerGuid)
        .filter((row) => String(row['name']).toLowerCase() === lower).count();
      if (taken) throw new InvalidInputError(entity, { name: [`'${id}' is already in use for this customer`] });
    }
    if (entity === 'address') await ensureBase(db, 'customer', customerGuid, customerGuid);
    await appendEntry(db, entity, 'create', customerGuid, id, body);
    await rebuild(db, entity, customerGuid, id);
    return id;
  });
}

/** Queues an update (fold, coalesce or append; see the file comment). */
export async function writeUpdate(db: FieldbookDb, entity: EntityKind, customerGuid: string, givenId: string, changes: Row): Promise<void> {
  await writeTx(db, async () => {
    const id = await resolveId(db, entity, customerGuid, givenId);
    const working = recordOfRow(entity, await currentRow(db, entity, customerGuid, id));
    const chain = await chainOf(db, entityKeyOf(entity, customerGuid, id));
    const last = chain.at(-1);
    if (last?.op === 'create' && isModifiable(last)) {
      const body = checkCreate(entity, { ...bodyOf(last), ...changes });
      await db.outbox.put(touched(last, { body }));
      await rebuild(db, entity, customerGuid, id);
      return;
    }
    checkUpdate(entity, working, changes);
    // A value equal to what the user already sees changes nothing.
    const effective = Object.fromEntries(Object.entries(changes).filter(([field, value]) => !sameValue(working[field], value)));
    if (entity === 'address') await ensureBase(db, 'customer', customerGuid, customerGuid);
    await ensureBase(db, entity, customerGuid, id);
    const target = last?.op === 'update' && (isModifiable(last) || last.state === 'conflict') ? last : undefined;
    const patch = { ...(target ? bodyOf(target) : {}), ...effective };
    const baseValues: Row = { ...(target ? baseValuesOf(target) : {}) };
    for (const field of Object.keys(effective)) if (!(field in baseValues)) baseValues[field] = working[field] ?? null;
    // Changed back to what the user first saw: no change at all (also after an entry on the wire,
    // since what they saw already included it).
    for (const field of Object.keys(patch)) {
      if (field in baseValues && sameValue(patch[field], baseValues[field])) {
        delete patch[field];
        delete baseValues[field];
      }
    }
    if (target) await coalesce(db, target, patch, baseValues);
    else if (Object.keys(patch).length) await appendEntry(db, entity, 'update', customerGuid, id, patch, baseValues);
    await rebuild(db, entity, customerGuid, id);
  });
}

/**
 * Merges a patch into a queued update. For one in conflict the conflict record follows: a
 * field changed again is re-checked against the server version the conflict saw.
 */
async function coalesce(db: FieldbookDb, target: OutboxEntry, patch: Row, baseValues: Row): Promise<void> {
  const seq = target.seq as number;
  if (!Object.keys(patch).length) {
    await removeEntries(db, [target]);
    return;
  }
  if (target.state !== 'conflict') {
    await db.outbox.put(touched(target, { body: patch, baseValues }));
    return;
  }
  const { entity, customerGuid, id } = target;
  const conflict = await db.conflicts.where('outboxSeq').equals(seq).first();
  const stored = (await db.bases.get([entity, baseKeyOf(entity, customerGuid, id)]))?.record;
  const fields = conflict ? mergeFields(mergeBaseOf({ ...target, baseValues } as QueuedEntry, stored), conflict.theirs, patch).conflicts : [];
  if (conflict && fields.length) await db.conflicts.put({ ...conflict, fields });
  else await db.conflicts.where('outboxSeq').equals(seq).delete();
  await db.outbox.put(touched(target, { body: patch, baseValues, state: fields.length ? 'conflict' : 'pending' }));
}

/** Queues a delete (or removes a never-sent create with everything after it). */
export async function writeDelete(db: FieldbookDb, entity: EntityKind, customerGuid: string, givenId: string): Promise<void> {
  await writeTx(db, async () => {
    const id = await resolveId(db, entity, customerGuid, givenId);
    await currentRow(db, entity, customerGuid, id);
    await queueDelete(db, entity, customerGuid, id);
    await rebuild(db, entity, customerGuid, id);
  });
}

/** The delete rules, inside a caller's transaction. */
export async function queueDelete(db: FieldbookDb, entity: EntityKind, customerGuid: string, id: string): Promise<void> {
  const chain = await chainOf(db, entityKeyOf(entity, customerGuid, id));
  if (chain[0]?.op === 'create' && chain.every((e) => e.state !== 'sending')) {
    await removeEntries(db, chain);
    return;
  }
  const replaced: OutboxEntry[] = [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const entry = chain[i] as OutboxEntry;
    if (entry.op !== 'update' || entry.state === 'sending') break;
    replaced.push(entry);
  }
  await removeEntries(db, replaced);
  if (entity === 'address') await ensureBase(db, 'customer', customerGuid, customerGuid);
  await ensureBase(db, entity, customerGuid, id);
  await appendEntry(db, entity, 'delete', customerGuid, id, null);
}
