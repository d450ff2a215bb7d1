import type { Customer } from '../../../shared/api/schemas';
import type { CachedCustomer } from './records';

/*
 * The index fields of a cached customer, derived from the record every time it is written
 * (by a pull or by a local edit), so search and sort never disagree with what is shown.
 */

/** The default address's city: the customer list's city column. */
export function cityOf(customer: Pick<Customer, 'addresses'>): string {
  const addresses = customer.addresses ?? [];
  const main = addresses.find((a) => a.defaultAddress) ?? addresses[0];
  return main?.city ?? '';
}

const searchable = (c: Customer): (string | null | undefined)[] => [
  c.fullName,
  c.firstname,
  c.lastname,
  c.customerReference,
  c.idNumber,
  c.email,
  c.cellularPhone,
  c.homePhone,
  c.workPhone,
  cityOf(c),
];

/**
 * Lower-cased words, for a prefix match on a multi-entry index. Phone numbers and ID numbers
 * are also indexed without spaces and dashes, so "0701234" finds "+46 70 123 45 67" typed as
 * "070 123" and "701234".
 */
export function searchTermsOf(customer: Customer): string[] {
  const terms = new Set<string>();
  for (const value of searchable(customer)) {
    if (!value) continue;
    const lower = value.toLowerCase();
    for (const word of lower.split(/[\s,;()]+/u)) if (word) terms.add(word);
    const compact = lower.replace(/[\s\-+()]/gu, '');
    if (/\d/u.test(compact)) terms.add(compact);
  }
  return [...terms];
}

export function toCachedCustomer(
  customer: Customer,
  bookkeeping: Pick<CachedCustomer, 'fetchedAt' | 'detailFetchedAt' | 'passId'> & { localOnly?: boolean },
): CachedCustomer {
  const cached: CachedCustomer = {
    ...customer,
    ...bookkeeping,
    sortName: (customer.fullName ?? '').toLowerCase(),
    sortCity: cityOf(customer).toLowerCase(),
    searchTerms: searchTermsOf(customer),
  };
  if (!bookkeeping.localOnly) delete cached.localOnly;
  return cached;
}

/** The API record inside a cached one (bookkeeping and index fields removed). */
export function customerOf(cached: CachedCustomer): Customer {
  const { sortName: _n, sortCity: _c, searchTerms: _s, fetchedAt: _f, detailFetchedAt: _d, passId: _p, localOnly: _l, ...customer } = cached;
  return customer;
}
