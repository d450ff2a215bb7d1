import { liveQuery } from 'dexie';
import type { FieldbookDb } from '../../cache/db';
import type {
  CachedAccruedInterest, CachedAddress, CachedCreditInsurance, CachedCustomer, CachedExtraField, CachedLedger, CachedMandate,
  CachedParameter, CachedQuestion, OutboxEntry,
} from '../../cache/records';

/*
 * Everything the detail page shows of one customer, read from the cache in one go and followed
 * with liveQuery: a sync or an edit (in this window or another) shows without a reload, and the
 * page works the same offline.
 */

/**
 * An address as the detail shows it. `ofCreate`: the main address typed into the new-customer
 * form of a customer created offline. It travels inside the customer's queued create (the
 * server makes it the LEGAL default address), so until that create has synced it has no row,
 * no id and no entries of its own: it is shown, counted and marked with the customer's state,
 * and editing or removing it changes the queued create (updateCreatedAddress /
 * removeCreatedAddress). Once the customer is on the server, outbox/settle.ts stores the
 * server's address as a row like any other.
 */
export type DetailAddress = CachedAddress & { ofCreate?: true };

export interface CustomerDetail {
  customer: CachedCustomer | undefined;
  addresses: DetailAddress[];
  parameters: CachedParameter[];
  extraFields: CachedExtraField[];
  mandates: CachedMandate[];
  creditInsurances: CachedCreditInsurance[];
  questions: CachedQuestion[];
  ledger: CachedLedger | undefined;
  accruedInterest: CachedAccruedInterest | undefined;
  /** The customer's queued changes (its own and its children's): the rows' Pending badges and the server's refusals. */
  outbox: OutboxEntry[];
}

export async function readDetail(db: FieldbookDb, guid: string): Promise<CustomerDetail> {
  const [customer, addresses, parameters, extraFields, mandates, creditInsurances, questions, ledger, accruedInterest, outbox] = await Promise.all([
    db.customers.get(guid),
    db.addresses.where('customerGuid').equals(guid).toArray(),
    db.parameters.where('customerGuid').equals(guid).toArray(),
    db.extraFields.where('customerGuid').equals(guid).toArray(),
    db.mandates.where('customerGuid').equals(guid).toArray(),
    db.creditInsurances.where('customerGuid').equals(guid).toArray(),
    db.questions.where('customerGuid').equals(guid).toArray(),
    db.ledgers.get(guid),
    db.accruedInterest.get(guid),
    db.outbox.where('customerGuid').equals(guid).toArray(),
  ]);
  const byName = <T extends { name: string }>(a: T, b: T): number => a.name.localeCompare(b.name);
  return {
    customer,
    // The default address first, then as the server listed them.
    addresses: [...createdAddresses(customer), ...addresses].sort((a, b) => Number(Boolean(b.defaultAddress)) - Number(Boolean(a.defaultAddress))),
    parameters: parameters.sort(byName),
    extraFields: extraFields.sort(byName),
    mandates: mandates.sort((a, b) => (b.requestedAt ?? '').localeCompare(a.requestedAt ?? '')),
    creditInsurances,
    questions: questions.sort((a, b) => (a.processAt ?? '').localeCompare(b.processAt ?? '')),
    ledger,
    accruedInterest,
    outbox,
  };
}

/** The addresses only a customer's queued create holds (no GUID yet): its main address. */
function createdAddresses(customer: CachedCustomer | undefined): DetailAddress[] {
  if (!customer?.localOnly) return [];
  return (customer.addresses ?? []).filter((a) => !a.addressGuid).map((a, i) => ({
    ...a, id: `${customer.customerGuid}#create${i ? `-${i}` : ''}`, customerGuid: customer.customerGuid, serverId: null, fetchedAt: null, ofCreate: true,
  }));
}

export function watchDetail(db: FieldbookDb, guid: string, next: (detail: CustomerDetail) => void, error: (e: unknown) => void): () => void {
  const subscription = liveQuery(() => readDetail(db, guid)).subscribe({ next, error });
  return () => subscription.unsubscribe();
}

/** Whether the full detail was ever downloaded (a list-only customer has only the list fields). */
export const hasDetail = (detail: CustomerDetail): boolean => Boolean(detail.customer?.detailFetchedAt) || Boolean(detail.customer?.localOnly);
