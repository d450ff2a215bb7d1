import type { MessageKey } from '../i18n/en';
import type { SortColumn } from './list-fields';

/** The list's columns, in order; one grid template serves the header and every row. */
export const listColumns: readonly { id: string; label: MessageKey; sort?: SortColumn; align?: 'end' }[] = [
  { id: 'name', label: 'column.name', sort: 'name' },
  { id: 'reference', label: 'column.reference', sort: 'reference' },
  { id: 'idNumber', label: 'column.idNumber', sort: 'idNumber' },
  { id: 'email', label: 'column.email', sort: 'email' },
  { id: 'phone', label: 'column.phone' },
  { id: 'city', label: 'column.city', sort: 'city' },
  { id: 'registered', label: 'column.registered', sort: 'registered', align: 'end' },
];

export const gridTemplate = 'minmax(260px, 2.4fr) 110px 150px minmax(200px, 1.7fr) 150px minmax(130px, 1fr) 120px';
