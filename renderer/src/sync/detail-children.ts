import type { IndexableType, Table } from 'dexie';
import type { FieldbookDb } from '../cache/db';
import type { Base, EntityKind } from '../cache/records';
import { rowKeyOf } from '../outbox/tables';
import { hasQueued, rebuildWorkingCopy } from './working-copies';

/*
 * Reconciles one kind of a customer's sub-resources with the server's full list: a base for
 * every item the server has, working copies (rebuilt from base + queued entries where any are
 * queued), and removal of rows the server no longer has, except rows with queued entries (an
 * address created offline, `serverId: null`, stays until its create has gone out). Three
 * shapes share the logic: GUID-keyed rows with a local `id` (addresses, mandates, credit
 * insurances), name-keyed rows (parameters, extra fields) and questions.
 */

type Row = Record<string, unknown>;

interface ChildKind {
  readonly entity: EntityKind;
  table(db: FieldbookDb): Table<Row, IndexableType>;
  serverKey(item: object): string | null;
  /** The row's server key: its server GUID (null before its create synced) or its name. */
  serverKeyOfRow(row: Row): string | null;
  /** The id the outbox and the base use for the row: its local id, or its name. */
  idOfRow(row: Row): string;
  /** Local ids live in idMap once their create synced. */
  readonly mapped: boolean;
  toRow(item: object, ctx: { customerGuid: string; id: string; serverKey: string; fetchedAt: string }): Row;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
// The cache's tables are typed per record; the reconcile reads them as plain rows.
const asRows = (table: unknown) => table as Table<Row, IndexableType>;

function guidKind(entity: EntityKind, table: (db: FieldbookDb) => unknown, guidField: string): ChildKind {
  return {
    entity, mapped: true,
    table: (db) => asRows(table(db)),
    serverKey: (item) => str((item as Row)[guidField]),
    serverKeyOfRow: (row) => str(row['serverId']),
    idOfRow: (row) => row['id'] as string,
    toRow: (item, { customerGuid, id, serverKey, fetchedAt }) => ({ ...item, id, customerGuid, serverId: serverKey, fetchedAt }),
  };
}

function namedKind(entity: EntityKind, table: (db: FieldbookDb) => unknown): ChildKind {
  return {
    entity, mapped: false,
    table: (db) => asRows(table(db)),
    serverKey: (item) => str((item as Row)['name']),
    serverKeyOfRow: (row) => str(row['name']),
    idOfRow: (row) => row['name'] as string,
    // An existing row keeps the spelling of its name, so a case-only difference adds no second row.
    toRow: (item, { customerGuid, id, fetchedAt }) => ({ ...item, customerGuid, name: id, fetchedAt }),
  };
}

export const childKinds = {
  addresses: guidKind('address', (db) => db.addresses, 'addressGuid'),
  mandates: guidKind('mandate', (db) => db.mandates, 'mandateGuid'),
  creditInsurances: guidKind('creditInsurance', (db) => db.creditInsurances, 'insuranceGuid'),
  parameters: namedKind('parameter', (db) => db.parameters),
  extraFields: namedKind('extraField', (db) => db.extraFields),
  questions: {
    entity: 'question', mapped: false,
    table: (db) => asRows(db.questions),
    serverKey: (item) => str((item as Row)['actionGuid']),
    serverKeyOfRow: (row) => str(row['actionGuid']),
    idOfRow: (row) => row['actionGuid'] as string,
    toRow: (item, { customerGuid, fetchedAt }) => ({ ...item, customerGuid, fetchedAt }),
  } satisfies ChildKind,
} as const;

export type ChildKindName = keyof typeof childKinds;

const lower = (key: string | null | undefined): string => (key ?? '').toLowerCase();

/** Run inside a transaction over workingCopyTables; `queued` holds the customer's queued entity keys. */
export async function reconcileChildren(
  db: FieldbookDb,
  kind: ChildKind,
  customerGuid: string,
  items: readonly object[],
  queued: ReadonlySet<string>,
  fetchedAt: string,
): Promise<void> {
  const table = kind.table(db);
  const existing = await table.where('customerGuid').equals(customerGuid).toArray();
  const keys = items.map((item) => kind.serverKey(item)).filter((k): k is string => k !== null);
  const mappings = kind.mapped && keys.length ? await db.idMap.where('serverId').anyOfIgnoreCase(keys).toArray() : [];
  const localIdOf = new Map(mappings.map((m) => [lower(m.serverId), m.localId]));
  const byKey = new Map<string, Row>();
  const byId = new Map<string, Row>();
  for (const row of existing) {
    const key = kind.serverKeyOfRow(row);
    if (key) byKey.set(lower(key), row);
    byId.set(lower(kind.idOfRow(row)), row);
  }

  const seen = new Set<Row>();
  const rows: Row[] = [];
  const bases: Base[] = [];
  const toRebuild: string[] = [];
  for (const item of items) {
    const serverKey = kind.serverKey(item);
    if (!serverKey) continue;
    const previous = byKey.get(lower(serverKey)) ?? byId.get(lower(localIdOf.get(lower(serverKey))));
    if (previous) seen.add(previous);
    const id = previous ? kind.idOfRow(previous) : serverKey;
    bases.push({ entity: kind.entity, key: `${customerGuid}/${id}`, record: { ...item }, fetchedAt });
    if (hasQueued(queued, kind.entity, customerGuid, [id, serverKey])) toRebuild.push(id);
    else rows.push(kind.toRow(item, { customerGuid, id, serverKey, fetchedAt }));
  }

  const stale = existing.filter((row) => !seen.has(row) && !hasQueued(queued, kind.entity, customerGuid, [kind.idOfRow(row)]));
  await Promise.all([
    table.bulkDelete(stale.map((row) => rowKeyOf(kind.entity, customerGuid, kind.idOfRow(row)))),
    db.bases.bulkDelete(stale.map((row): [string, string] => [kind.entity, `${customerGuid}/${kind.idOfRow(row)}`])),
  ]);
  await Promise.all([table.bulkPut(rows), db.bases.bulkPut(bases)]);
  for (const id of toRebuild) {
    await rebuildWorkingCopy(db, kind.entity, customerGuid, id);
    await table.update(rowKeyOf(kind.entity, customerGuid, id), { fetchedAt });
  }
}
