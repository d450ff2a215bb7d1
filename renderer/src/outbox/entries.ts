import { schemas } from '../../../shared/api';
import { validate } from '../../../shared/api/validation';
import type { FieldbookDb } from '../cache/db';
import type { OutboxEntry } from '../cache/records';
import { checkCreate, checkUpdate } from './checks';
import type { Row } from './entities';
import { EntryStateError, InvalidInputError, summarize, type EntrySummary } from './errors';
import { baseKeyOf } from './keys';
import { discardChildren, type DeleteOptions } from './customer';
import { purgeCustomer } from './purge';
import { baseValuesOf, removeEntries, touched } from './queue';
import { recordOfRow, rowKeyOf, tableOf, writeTx } from './tables';
import { chainOf, rebuild } from './working-copy';

/*
 * What the user can do with one queued entry: throw it away, send it again, or fix its body.
 * None of them touches an entry in `sending` (it may be on the wire).
 */

async function entryOf(db: FieldbookDb, seq: number): Promise<OutboxEntry> {
  const entry = await db.outbox.get(seq);
  if (!entry) throw new EntryStateError(`There is no queued change number ${seq}`);
  if (entry.state === 'sending') throw new EntryStateError('This change is being sent right now; wait until the sync finishes');
  return entry;
}

/**
 * Discards an entry and restores the working copy from the base and the entries that remain.
 * Discarding a create also discards what was queued after it (it edits a record that will
 * never exist); for a customer that includes its children, which needs `discardQueuedChildren`.
 * Returns everything discarded.
 */
export async function discardEntry(db: FieldbookDb, seq: number, options: DeleteOptions = {}): Promise<EntrySummary[]> {
  return writeTx(db, async () => {
    const entry = await entryOf(db, seq);
    const { entity, customerGuid, id } = entry;
    let gone: OutboxEntry[] = [entry];
    const discarded: EntrySummary[] = [];
    if (entry.op === 'create') {
      if (entity === 'customer') discarded.push(...(await discardChildren(db, customerGuid, options)));
      gone = (await chainOf(db, entry.entityKey)).filter((e) => (e.seq as number) >= seq);
      if (gone.some((e) => e.state === 'sending')) throw new EntryStateError('A later change to this record is being sent right now');
    }
    if (entry.state === 'conflict') {
      // The conflict saw a newer server version than our base: keep it, so the restored copy is current.
      const conflict = await db.conflicts.where('outboxSeq').equals(seq).first();
      if (conflict) {
        await db.bases.put({ entity, key: baseKeyOf(entity, customerGuid, id), record: conflict.theirs, fetchedAt: conflict.detectedAt });
      }
    }
    await removeEntries(db, gone);
    if (entity === 'customer' && entry.op === 'create') await purgeCustomer(db, customerGuid);
    else await rebuild(db, entity, customerGuid, id);
    return [...gone.map(summarize), ...discarded];
  });
}

/**
 * Sends a refused entry (or one backing off) again at the next sync. An entry whose outcome is
 * still unknown (`sending`, its check failed) only loses its back-off: it is still checked
 * against the server before it is sent again.
 */
export async function retryEntry(db: FieldbookDb, seq: number): Promise<void> {
  await writeTx(db, async () => {
    const found = await db.outbox.get(seq);
    if (found?.state === 'sending') {
      await db.outbox.put(touched(found, { notBefore: 0 }));
      return;
    }
    const entry = await entryOf(db, seq);
    if (entry.state === 'conflict') throw new EntryStateError('A conflict is settled by choosing values, not by sending again');
    await db.outbox.put(touched(entry, { state: 'pending', attempts: 0, notBefore: 0, lastFailure: null }));
  });
}

/**
 * Replaces the body of an entry the server refused (or one still pending), checked like the
 * original write; it is then sent again at the next sync. A bad body throws and changes nothing.
 */
export async function editEntry(db: FieldbookDb, seq: number, body: Row): Promise<void> {
  await writeTx(db, async () => {
    const entry = await entryOf(db, seq);
    const { entity, customerGuid, id } = entry;
    if (entry.state === 'conflict') throw new EntryStateError('A conflict is settled by choosing values');
    let checked: Row;
    let baseValues: Row | undefined;
    if (entry.op === 'create') {
      checked = checkCreate(entity, entity === 'customer' ? { ...body, customerGuid } : body);
      if (entity === 'parameter' || entity === 'extraField') checked['name'] = id;
    } else if (entry.op === 'update') {
      const base = await db.bases.get([entity, baseKeyOf(entity, customerGuid, id)]);
      const row = await tableOf(db, entity).get(rowKeyOf(entity, customerGuid, id));
      const current = base?.record ?? (row ? recordOfRow(entity, row) : {});
      checkUpdate(entity, current, body);
      checked = body;
      // A field new to the patch replaces the server's value as we last knew it.
      const own = baseValuesOf(entry) ?? {};
      baseValues = Object.fromEntries(Object.keys(body).map((field) => [field, field in own ? own[field] : (current[field] ?? null)]));
    } else if (entry.op === 'respond') {
      const result = validate(schemas.questionResponse, body);
      if (!result.ok) throw new InvalidInputError('question', result.errors);
      checked = { ...result.value };
    } else {
      throw new EntryStateError('A delete has no body to edit; discard it instead');
    }
    const reset = { state: 'pending', attempts: 0, notBefore: 0, lastFailure: null } as const;
    await db.outbox.put(touched(entry, { body: checked, ...(baseValues ? { baseValues } : {}), ...reset }));
    await rebuild(db, entity, customerGuid, id);
  });
}
