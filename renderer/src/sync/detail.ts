import { failureOf, maxTop, type CustomersApi, type ListQuery } from '../../../shared/api';
import type { AccruedInterest, Customer, LedgerSummary, ListPage } from '../../../shared/api/schemas';
import type { FieldbookDb } from '../cache/db';
import { raceAbort } from './abort';
import { removeCustomers } from './customer-removal';
import { storeServerCustomers } from './customer-store';
import { childKinds, reconcileChildren, type ChildKindName } from './detail-children';
import { queuedKeys, workingCopyTables } from './working-copies';

/*
 * Full detail of one customer: the customer, every sub-resource list, the ledger summary and
 * accrued interest. Everything is fetched first and written in ONE transaction, so a screen
 * never shows half of one download and half of another, and a cancelled download writes nothing.
 */

export interface DetailOptions {
  signal?: AbortSignal | undefined;
  now?: (() => Date) | undefined;
}

export interface DetailReport {
  customerGuid: string;
  /** `gone`: the server no longer has it (removed here unless the user has edits queued for it). */
  outcome: 'stored' | 'gone' | 'local-only';
  fetchedAt: string | null;
}

type Children = { [K in ChildKindName]: object[] };

interface Detail extends Children {
  customer: Customer;
  ledger: LedgerSummary;
  accruedInterest: AccruedInterest[];
}

/** Every page of a list envelope, until `skip + count` reaches `total`. */
async function listAll<T>(fetchPage: (query: ListQuery) => Promise<ListPage<T>>, orderby: string): Promise<T[]> {
  const items: T[] = [];
  for (let skip = 0; ; ) {
    const page = await fetchPage({ skip, top: maxTop, orderby });
    items.push(...page.value);
    if (page.count === 0 || page.skip + page.count >= page.total) return items;
    skip = page.skip + page.count;
  }
}

/** Accrued interest is a plain array with no total: page until a short page. */
async function listArray<T>(fetchPage: (query: ListQuery) => Promise<T[]>, orderby: string): Promise<T[]> {
  const rows: T[] = [];
  for (let skip = 0; ; skip += maxTop) {
    const page = await fetchPage({ skip, top: maxTop, orderby });
    rows.push(...page);
    if (page.length < maxTop) return rows;
  }
}

async function fetchDetail(api: CustomersApi, guid: string): Promise<Detail> {
  const owner = { customerGuid: guid };
  // Explicit orders keep offset paging stable on a tenant whose default order is not.
  const [customer, addresses, parameters, extraFields, mandates, creditInsurances, questions, ledger, accruedInterest] = await Promise.all([
    api.call('getCustomer', { guid }),
    listAll((q) => api.call('listAddresses', owner, undefined, q), 'addressGuid'),
    listAll((q) => api.call('listParameters', owner, undefined, q), 'name'),
    listAll((q) => api.call('listExtraFields', owner, undefined, q), 'name'),
    listAll((q) => api.call('listMandates', owner, undefined, q), 'mandateGuid'),
    listAll((q) => api.call('listCreditInsurances', owner, undefined, q), 'insuranceGuid'),
    listAll((q) => api.call('listQuestions', owner, undefined, q), 'actionGuid'),
    api.call('getLedgerSummary', { guid }),
    listArray((q) => api.call('listAccruedInterest', { guid }, undefined, q), 'loanGuid'),
  ]);
  return { customer, addresses, parameters, extraFields, mandates, creditInsurances, questions, ledger, accruedInterest };
}

export async function downloadDetail(db: FieldbookDb, api: CustomersApi, customerGuid: string, options: DetailOptions = {}): Promise<DetailReport> {
  const { signal } = options;
  signal?.throwIfAborted();
  if ((await db.customers.get(customerGuid))?.localOnly) return { customerGuid, outcome: 'local-only', fetchedAt: null };

  let detail: Detail;
  try {
    detail = await raceAbort(fetchDetail(api, customerGuid), signal);
  } catch (error) {
    if (failureOf(error)?.kind !== 'not-found') throw error;
    await removeCustomers(db, [customerGuid]);
    return { customerGuid, outcome: 'gone', fetchedAt: null };
  }
  signal?.throwIfAborted();

  const fetchedAt = (options.now?.() ?? new Date()).toISOString();
  // The server's spelling of the key, as the pull stores it, so both write the same row.
  const guid = detail.customer.customerGuid;
  await db.transaction('rw', workingCopyTables(db), async () => {
    const queued = queuedKeys(await db.outbox.where('customerGuid').equalsIgnoreCase(guid).toArray());
    await storeServerCustomers(db, [detail.customer], { fetchedAt, detailFetchedAt: fetchedAt });
    for (const name of Object.keys(childKinds) as ChildKindName[]) {
      await reconcileChildren(db, childKinds[name], guid, detail[name], queued, fetchedAt);
    }
    await db.ledgers.put({ customerGuid: guid, summary: detail.ledger, fetchedAt });
    await db.accruedInterest.put({ customerGuid: guid, rows: detail.accruedInterest, fetchedAt });
  });
  return { customerGuid: guid, outcome: 'stored', fetchedAt };
}
