import type { FieldbookDb } from '../cache/db';
import type { EntityKind } from '../cache/records';
import { editEntry, entityKeyOf } from '../outbox';

/*
 * Saving a form. Normally that is the outbox write the form names (updateCustomer,
 * updateAddress, …). But when the server refused this record's last queued change, a new
 * change queued behind it would wait for ever (a refused entry holds its record until the
 * user acts): the user is correcting what the server refused, so the correction goes INTO
 * that entry (editEntry), which is then sent again at the next sync.
 */

export type SaveOutcome = 'queued' | 'resent';

export async function saveChanges(
  db: FieldbookDb,
  record: { entity: EntityKind; customerGuid: string; id: string },
  changes: Record<string, unknown>,
  write: () => Promise<unknown>,
  /** A question's answer replaces the refused one whole; other entries take the changes over their body. */
  replaceBody = false,
): Promise<SaveOutcome> {
  const chain = await db.outbox.where('entityKey').equals(entityKeyOf(record.entity, record.customerGuid, record.id)).sortBy('seq');
  const last = chain.at(-1);
  if (last?.state === 'attention' && last.op !== 'delete' && last.seq !== undefined) {
    const body = last.body && !Array.isArray(last.body) ? last.body : {};
    await editEntry(db, last.seq, replaceBody ? changes : { ...body, ...changes });
    return 'resent';
  }
  await write();
  return 'queued';
}
