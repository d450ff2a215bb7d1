import type { CustomersApi } from '../../../shared/api';
import type { Customer } from '../../../shared/api/schemas';
import { eq, evaluateFilter, or, serializeFilter, type FilterNode } from '../../../shared/odata';
import { customerOf } from '../cache/customer-index';
import type { FieldbookDb } from '../cache/db';
import { raceAbort } from './abort';
import { customerRemovalTables, removeCustomers, removableCustomers } from './customer-removal';
import { customerStoreTables, storeServerCustomers } from './customer-store';
import { keyProperty } from './key-ranges';

/*
 * The end of a completed pass: customers no range of this pass saw (an older passId) are gone
 * from the server or from the scope. Those whose last known state is outside the scope (and
 * not kept in the briefcase) are simply removed: the scope changed, or they left it. The others
 * are looked up by key before removal, because "not seen" has innocent causes too: a customer
 * created (say, pushed by us) after its range's cursor had passed its key, or a pass resumed
 * after days. Only what the server really does not have is removed; the rest is stored with
 * this pass.
 */

/** GUIDs per lookup: ~55 filter characters each keeps the filter well under its 4000 limit. */
const lookupBatch = 40;
const removalBatch = 500;

export interface SweepResult {
  removed: number;
  /** Not seen by the ranges but still on the server: stored now. */
  confirmed: number;
}

interface SweepContext {
  passId: number;
  scope: FilterNode | null;
  fetchedAt: string;
  signal?: AbortSignal | undefined;
}

export async function sweepUnseen(db: FieldbookDb, api: CustomersApi, ctx: SweepContext): Promise<SweepResult> {
  const unseen = await db.customers.seenBefore(ctx.passId);
  const candidates = await removableCustomers(db, unseen);
  const [records, briefcase] = await Promise.all([db.customers.bulkGet(candidates), db.briefcase.bulkGet(candidates)]);
  const toCheck: string[] = [];
  const leftScope: string[] = [];
  candidates.forEach((guid, i) => {
    const record = records[i];
    const wanted = briefcase[i] !== undefined || (record !== undefined && evaluateFilter(ctx.scope, customerOf(record)));
    (wanted ? toCheck : leftScope).push(guid);
  });

  const result: SweepResult = { removed: 0, confirmed: 0 };
  for (let i = 0; i < leftScope.length; i += removalBatch) {
    ctx.signal?.throwIfAborted();
    result.removed += (await removeCustomers(db, leftScope.slice(i, i + removalBatch))).length;
  }
  const kept = new Set(candidates.filter((_, i) => briefcase[i] !== undefined).map((g) => g.toLowerCase()));
  for (let i = 0; i < toCheck.length; i += lookupBatch) {
    const batch = toCheck.slice(i, i + lookupBatch);
    const found = await lookUp(api, batch, ctx.signal);
    const still = found.filter((c) => evaluateFilter(ctx.scope, c) || kept.has(c.customerGuid.toLowerCase()));
    const stillKeys = new Set(still.map((c) => c.customerGuid.toLowerCase()));
    ctx.signal?.throwIfAborted();
    await db.transaction('rw', [...new Set([...customerStoreTables(db), ...customerRemovalTables(db)])], async () => {
      await storeServerCustomers(db, still, { fetchedAt: ctx.fetchedAt, passId: ctx.passId });
      result.removed += (await removeCustomers(db, batch.filter((g) => !stillKeys.has(g.toLowerCase())))).length;
    });
    result.confirmed += still.length;
  }
  return result;
}

async function lookUp(api: CustomersApi, guids: readonly string[], signal: AbortSignal | undefined): Promise<Customer[]> {
  const [first, ...rest] = guids.map((guid) => eq(keyProperty, guid));
  if (!first) return [];
  const filter = serializeFilter(or(first, ...rest));
  const page = await raceAbort(api.call('listCustomers', {}, undefined, { filter, top: guids.length }), signal);
  return page.value;
}
