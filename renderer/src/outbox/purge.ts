import type { FieldbookDb } from '../cache/db';
import type { EntityKind } from '../cache/records';

/*
 * Forgetting a customer entirely: after the server confirmed its delete, or when a customer
 * that never reached the server is discarded. Its queued entries are the caller's business.
 */

const childKinds: readonly EntityKind[] = ['address', 'parameter', 'extraField', 'mandate', 'creditInsurance', 'question'];

export async function purgeCustomer(db: FieldbookDb, customerGuid: string): Promise<void> {
  await Promise.all([
    db.customers.delete(customerGuid),
    db.addresses.where('customerGuid').equals(customerGuid).delete(),
    db.parameters.where('customerGuid').equals(customerGuid).delete(),
    db.extraFields.where('customerGuid').equals(customerGuid).delete(),
    db.mandates.where('customerGuid').equals(customerGuid).delete(),
    db.creditInsurances.where('customerGuid').equals(customerGuid).delete(),
    db.questions.where('customerGuid').equals(customerGuid).delete(),
    db.ledgers.delete(customerGuid),
    db.accruedInterest.delete(customerGuid),
    db.briefcase.delete(customerGuid),
    db.bases.delete(['customer', customerGuid]),
    ...childKinds.map((entity) =>
      db.bases.where('[entity+key]').between([entity, `${customerGuid}/`], [entity, `${customerGuid}/\uffff`]).delete(),
    ),
  ]);
}
