import { fieldTypesOf } from '../../../shared/api/field-types';
import { routes } from '../../../shared/api/routes';
import type { FieldTypes } from '../../../shared/odata';
import { cityOf } from '../cache/customer-index';
import type { CachedCustomer } from '../cache/records';

/*
 * What the customer list shows and sorts by. The filter language accepts every field of the
 * customer resource (the same field types the API's own $filter checks against), so a filter
 * that works online works offline, and the other way round.
 */

/** Every filterable field of a customer, by name: read off the API's schema, never listed by hand. */
export const customerFieldTypes: FieldTypes = fieldTypesOf(routes.listCustomers.result);

export const sortColumns = ['name', 'city', 'reference', 'idNumber', 'email', 'registered'] as const;
export type SortColumn = (typeof sortColumns)[number];
export type SortDirection = 'asc' | 'desc';

export interface ListSort {
  column: SortColumn;
  direction: SortDirection;
}

export const defaultSort: ListSort = { column: 'name', direction: 'asc' };

/** A row of the list: only what a row shows, so a page of rows stays small. */
export interface CustomerRow {
  customerGuid: string;
  fullName: string;
  customerReference: string | null;
  idNumber: string | null;
  email: string | null;
  phone: string | null;
  city: string;
  regDate: string | null;
  juridicalType: number | null;
  localOnly: boolean;
}

export function toRow(c: CachedCustomer): CustomerRow {
  return {
    customerGuid: c.customerGuid,
    fullName: c.fullName ?? '',
    customerReference: c.customerReference ?? null,
    idNumber: c.idNumber ?? null,
    email: c.email ?? null,
    phone: c.cellularPhone ?? c.workPhone ?? c.homePhone ?? null,
    city: cityOf(c),
    regDate: c.regDate ?? null,
    juridicalType: c.juridicalType ?? null,
    localOnly: Boolean(c.localOnly),
  };
}
