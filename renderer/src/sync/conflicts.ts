import type { FieldbookDb } from '../cache/db';
import type { ConflictRecord } from '../cache/records';
import { checkUpdate } from '../outbox/checks';
import { InvalidInputError } from '../outbox/errors';
import { EntryStateError } from '../outbox/errors';
import { baseKeyOf } from '../outbox/keys';
import { removeEntries, touched } from '../outbox/queue';
import { writeTx } from '../outbox/tables';
import { bodyOf, rebuild } from '../outbox/working-copy';
import { sameValue } from './merge';
import { syncTextOf, type SyncText } from './messages';

/*
 * Settling a conflict: for every field both sides changed the user picks the original value
 * (base), the server's (theirs) or their own (yours). The server version the conflict saw
 * becomes the base, and the entry becomes a plain pending patch of the chosen values over it,
 * so the next push merges it like any other edit (and would catch a newer remote change).
 */

export type ConflictChoice = 'base' | 'theirs' | 'yours';

/**
 * The conflict was settled meanwhile (in another window, or its change was discarded): the
 * conflict view says `text` in the user's language; the message is for logs.
 */
export class ConflictClosedError extends EntryStateError {
  readonly text: SyncText = syncTextOf('sync.conflict.closed');
}

export function conflictsOf(db: FieldbookDb, customerGuid?: string): Promise<ConflictRecord[]> {
  return customerGuid === undefined ? db.conflicts.toArray() : db.conflicts.where('customerGuid').equals(customerGuid).toArray();
}

export async function resolveConflict(db: FieldbookDb, conflictId: number, choices: Record<string, ConflictChoice>): Promise<void> {
  await writeTx(db, async () => {
    const conflict = await db.conflicts.get(conflictId);
    if (!conflict) throw new ConflictClosedError(`There is no conflict number ${conflictId}`);
    const entry = await db.outbox.get(conflict.outboxSeq);
    if (!entry || entry.state !== 'conflict') throw new ConflictClosedError('This conflict is no longer open');
    const missing = conflict.fields.filter((f) => !choices[f.field]);
    if (missing.length) {
      throw new InvalidInputError(entry.entity, Object.fromEntries(missing.map((f) => [f.field, ['Choose which value to keep']])));
    }
    const { entity, customerGuid, id } = entry;
    const theirs = conflict.theirs;
    const patch = { ...bodyOf(entry) };
    for (const field of conflict.fields) patch[field.field] = field[choices[field.field] as ConflictChoice];
    // Against the new base, a value equal to the server's is no change at all.
    for (const field of Object.keys(patch)) if (sameValue(patch[field], theirs[field])) delete patch[field];
    checkUpdate(entity, theirs, patch);
    await db.bases.put({ entity, key: baseKeyOf(entity, customerGuid, id), record: theirs, fetchedAt: conflict.detectedAt });
    if (Object.keys(patch).length === 0) {
      await removeEntries(db, [entry]);
    } else {
      await db.conflicts.delete(conflictId);
      // Theirs is what the chosen values now replace: the merge base of every patched field.
      const baseValues = Object.fromEntries(Object.keys(patch).map((field) => [field, theirs[field] ?? null]));
      await db.outbox.put(touched(entry, { body: patch, baseValues, state: 'pending', attempts: 0, notBefore: 0, lastFailure: null }));
    }
    await rebuild(db, entity, customerGuid, id);
  });
}
