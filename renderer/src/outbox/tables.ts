import type { IndexableType, Table } from 'dexie';
import type { FieldbookDb } from '../cache/db';
import type { EntityKind } from '../cache/records';
import type { Row } from './entities';

/*
 * The cache's per-entity tables seen through one shape, so the outbox code is written once
 * for all seven kinds of record. Rows are the working copies; records are what the API
 * returns (rows minus our bookkeeping).
 */

export function tableOf(db: FieldbookDb, entity: EntityKind): Table<Row, IndexableType> {
  const tables: Record<EntityKind, unknown> = {
    customer: db.customers,
    address: db.addresses,
    parameter: db.parameters,
    extraField: db.extraFields,
    mandate: db.mandates,
    creditInsurance: db.creditInsurances,
    question: db.questions,
  };
  // The rows differ per table; the outbox code reads and writes them as plain records.
  return tables[entity] as Table<Row, IndexableType>;
}

/** The primary key of a row: a GUID, a local id, or `[customerGuid, name]`. */
export function rowKeyOf(entity: EntityKind, customerGuid: string, id: string): IndexableType {
  return entity === 'parameter' || entity === 'extraField' ? [customerGuid, id] : id;
}

/** Every table a local write or a push outcome may touch: writes take all of them in ONE transaction. */
export const writeTables = (db: FieldbookDb) => [
  db.customerBuckets, db.addresses, db.parameters, db.extraFields, db.mandates, db.creditInsurances, db.questions,
  db.ledgers, db.accruedInterest, db.briefcase, db.bases, db.outbox, db.conflicts, db.idMap,
];

/** Runs `work` in one read-write transaction over every table a write touches: all of it commits, or none. */
export function writeTx<T>(db: FieldbookDb, work: () => Promise<T>): Promise<T> {
  return db.transaction('rw', writeTables(db), work);
}

/** Bookkeeping fields: ours, never the server's. */
const bookkeeping = ['id', 'serverId', 'fetchedAt', 'detailFetchedAt', 'passId', 'localOnly', 'sortName', 'sortCity', 'searchTerms', 'answeredLocally'];

/** The API record inside a working-copy row (a child's `customerGuid` is ours, a customer's is the server's). */
export function recordOfRow(entity: EntityKind, row: Row): Row {
  const record: Row = { ...row };
  for (const field of bookkeeping) delete record[field];
  if (entity !== 'customer') delete record['customerGuid'];
  return record;
}
