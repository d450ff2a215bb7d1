import { dispositionOf, failureOf, type ApiFailure, type CustomersApi } from '../../../shared/api';
import { evaluateFilter } from '../../../shared/odata';
import { customerOf } from '../cache/customer-index';
import type { FieldbookDb } from '../cache/db';
import type { BriefcaseEntry } from '../cache/records';
import { isAbortOf } from './abort';
import { downloadDetail } from './detail';
import { drainQueue } from './pool';
import { parseScope } from './pull';

/*
 * The briefcase: the customers whose FULL detail is kept offline (the pull brings only list
 * fields for the whole scope). A customer is in it while at least one reason holds: the user
 * marked it "keep offline", it is among the last N opened, or it was part of a "prepare for
 * offline" set. An entry with no reason left is deleted; its cached detail may stay until pruned.
 */

export const defaultRecentLimit = 20;

const hasReason = (e: BriefcaseEntry): boolean => e.keptOffline || e.openedAt !== null || e.prepared;

async function updateEntry(db: FieldbookDb, customerGuid: string, change: Partial<BriefcaseEntry>): Promise<void> {
  const current = (await db.briefcase.get(customerGuid)) ?? { customerGuid, keptOffline: false, openedAt: null, prepared: false };
  const next = { ...current, ...change };
  if (hasReason(next)) await db.briefcase.put(next);
  else await db.briefcase.delete(customerGuid);
}

export function setKeptOffline(db: FieldbookDb, customerGuid: string, kept: boolean): Promise<void> {
  return db.transaction('rw', db.briefcase, () => updateEntry(db, customerGuid, { keptOffline: kept }));
}

/** Marks a customer opened now; only the `limit` most recently opened keep that reason. */
export function recordOpened(db: FieldbookDb, customerGuid: string, options: { limit?: number; now?: () => Date } = {}): Promise<void> {
  const limit = options.limit ?? defaultRecentLimit;
  return db.transaction('rw', db.briefcase, async () => {
    // Strictly after the newest, so two opens in one millisecond still keep their order.
    const newest = (await db.briefcase.orderBy('openedAt').last())?.openedAt;
    let openedAt = (options.now?.() ?? new Date()).toISOString();
    if (newest && newest >= openedAt) openedAt = new Date(Date.parse(newest) + 1).toISOString();
    await updateEntry(db, customerGuid, { openedAt });
    const older = await db.briefcase.orderBy('openedAt').reverse().offset(limit).toArray();
    for (const entry of older) await updateEntry(db, entry.customerGuid, { openedAt: null });
  });
}

/** The GUIDs in the briefcase, for whatever reason. */
export async function briefcaseMembers(db: FieldbookDb): Promise<string[]> {
  return (await db.briefcase.toArray()).filter(hasReason).map((e) => e.customerGuid);
}

export interface DownloadOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Customers downloaded side by side (default 4). */
  concurrency?: number | undefined;
}

export interface DownloadReport {
  total: number;
  /** Finished, stored or found gone. */
  done: number;
  /** Downloaded and stored. */
  stored: string[];
  /** No longer on the server. */
  gone: string[];
  /** Not downloaded this time (network, server, throttling…): shown, and retried on the next refresh. */
  failed: { customerGuid: string; failure: ApiFailure }[];
  cancelled: boolean;
}

/**
 * Downloads detail for `guids`. Cancelling keeps what finished and reports how far it got. A
 * failure that will hit every customer alike (credential, profile) stops the run and is thrown;
 * any other failure is reported per customer and the rest go on.
 */
async function downloadAll(
  db: FieldbookDb,
  api: CustomersApi,
  guids: readonly string[],
  options: DownloadOptions,
  onStored?: (customerGuid: string) => Promise<void>,
): Promise<DownloadReport> {
  const { signal } = options;
  const report: DownloadReport = { total: guids.length, done: 0, stored: [], gone: [], failed: [], cancelled: false };
  options.onProgress?.(0, report.total);
  try {
    await drainQueue([...guids], options.concurrency ?? 4, async (guid) => {
      signal?.throwIfAborted();
      try {
        const result = await downloadDetail(db, api, guid, { signal });
        if (result.outcome === 'gone') report.gone.push(guid);
        if (result.outcome === 'stored') {
          report.stored.push(guid);
          await onStored?.(guid);
        }
      } catch (error) {
        const failure = failureOf(error);
        if (!failure || ['reauth', 'configure'].includes(dispositionOf(failure))) throw error;
        report.failed.push({ customerGuid: guid, failure });
      }
      report.done++;
      options.onProgress?.(report.done, report.total);
      return undefined;
    });
  } catch (error) {
    if (!isAbortOf(error, signal)) throw error;
    report.cancelled = true;
  }
  return report;
}

/**
 * "Prepare for offline": full detail for every CACHED customer matching `filter` (OData text,
 * evaluated locally with the shared evaluator, so it selects what the server would). Each one
 * joins the briefcase as it finishes.
 */
export async function prepareForOffline(db: FieldbookDb, api: CustomersApi, filter: string, options: DownloadOptions = {}): Promise<DownloadReport> {
  const node = parseScope(filter);
  const guids: string[] = [];
  await db.customers.each((cached) => {
    if (evaluateFilter(node, customerOf(cached))) guids.push(cached.customerGuid);
  });
  return downloadAll(db, api, guids, options, (guid) =>
    db.transaction('rw', db.briefcase, () => updateEntry(db, guid, { prepared: true })),
  );
}

/**
 * "Prepare for offline" for a set chosen by GUID: the list's search box has no OData form (it
 * matches words of several fields), so a selection that includes a search arrives as the GUIDs
 * the list found. Each one joins the briefcase as it finishes, as with prepareForOffline.
 */
export function prepareCustomersForOffline(db: FieldbookDb, api: CustomersApi, guids: readonly string[], options: DownloadOptions = {}): Promise<DownloadReport> {
  return downloadAll(db, api, [...new Set(guids)], options, (guid) =>
    db.transaction('rw', db.briefcase, () => updateEntry(db, guid, { prepared: true })),
  );
}

/** Re-downloads detail for everything in the briefcase. */
export async function refreshBriefcase(db: FieldbookDb, api: CustomersApi, options: DownloadOptions = {}): Promise<DownloadReport> {
  return downloadAll(db, api, await briefcaseMembers(db), options);
}
