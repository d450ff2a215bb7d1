import type { FieldbookDb } from '../cache/db';
import type { EntityKind } from '../cache/records';

/*
 * Removing customers the server no longer has, with everything cached under them. A customer
 * is removed only if nothing of the user's depends on it: no queued entry (for it or any of
 * its children), no open conflict, not created here. Such a customer stays, and its edits
 * surface as "needs attention" when pushed: visible, never silently dropped.
 */

const childEntities: readonly EntityKind[] = ['address', 'parameter', 'extraField', 'mandate', 'creditInsurance', 'question'];

export const customerRemovalTables = (db: FieldbookDb) => [
  db.customerBuckets, db.addresses, db.parameters, db.extraFields, db.mandates, db.creditInsurances, db.questions,
  db.ledgers, db.accruedInterest, db.bases, db.briefcase, db.outbox, db.conflicts,
];

/** Those of `guids` that hold nothing of the user's (read in the caller's transaction, or alone). */
export async function removableCustomers(db: FieldbookDb, guids: readonly string[]): Promise<string[]> {
  if (guids.length === 0) return [];
  const [records, queued, conflicts] = await Promise.all([
    db.customers.bulkGet([...guids]),
    db.outbox.where('customerGuid').anyOfIgnoreCase([...guids]).toArray(),
    db.conflicts.where('customerGuid').anyOfIgnoreCase([...guids]).toArray(),
  ]);
  const held = new Set([...queued, ...conflicts].map((e) => e.customerGuid.toLowerCase()));
  return guids.filter((guid, i) => !records[i]?.localOnly && !held.has(guid.toLowerCase()));
}

/**
 * Removes those of `guids` that are removable, checking again in the same transaction so an
 * edit queued a moment ago still protects its customer. Returns the GUIDs removed.
 */
export async function removeCustomers(db: FieldbookDb, guids: readonly string[]): Promise<string[]> {
  if (guids.length === 0) return [];
  return db.transaction('rw', customerRemovalTables(db), async () => {
    const removable = await removableCustomers(db, guids);
    // The customers in one write: one put per bucket, however many of its customers go.
    await db.customers.bulkDelete(removable);
    for (const guid of removable) {
      await Promise.all([
        db.addresses.where('customerGuid').equals(guid).delete(),
        db.parameters.where('customerGuid').equals(guid).delete(),
        db.extraFields.where('customerGuid').equals(guid).delete(),
        db.mandates.where('customerGuid').equals(guid).delete(),
        db.creditInsurances.where('customerGuid').equals(guid).delete(),
        db.questions.where('customerGuid').equals(guid).delete(),
        db.ledgers.delete(guid),
        db.accruedInterest.delete(guid),
        db.briefcase.delete(guid),
        db.bases.delete(['customer', guid]),
        ...childEntities.map((entity) => deleteChildBases(db, entity, guid)),
      ]);
    }
    return removable;
  });
}

/** Child bases are keyed `customerGuid/id`: a key range on the compound index finds them. */
export function deleteChildBases(db: FieldbookDb, entity: EntityKind, customerGuid: string): Promise<number> {
  return db.bases.where('[entity+key]').between([entity, `${customerGuid}/`], [entity, `${customerGuid}/\uffff`]).delete();
}
