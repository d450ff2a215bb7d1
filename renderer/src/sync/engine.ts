import { failureOf, type ApiFailure, type CustomersApi } from '../../../shared/api';
import type { FieldbookDb } from '../cache/db';
import { isAbortOf } from './abort';
import { refreshBriefcase, type DownloadReport } from './briefcase';
import { pullCustomers, type PullReport } from './pull';
import { lastSyncedAtKey, type Connectivity, type StatusPatch, type SyncStatusStore } from './status';

/*
 * One sync: push first (so the server has the user's edits before we read it back), then
 * pull the scope's list fields, then refresh the briefcase's full detail. A push that pauses
 * for re-authentication (or an unusable profile) stops everything: every later request would
 * fail the same way. Failures become a report and a status line, never a thrown error, so a
 * scheduler or a button can call syncNow() and simply show what happened.
 */

export type PushPause = null | 'reauth' | 'configure';

/** What the engine needs of a push report; the rest (sent, conflicts, …) is passed through. */
export interface PushOutcome {
  readonly paused: PushPause;
}

export type DrainOutbox<P extends PushOutcome> = (db: FieldbookDb, api: CustomersApi, options?: { signal?: AbortSignal }) => Promise<P>;

export interface SyncEngineOptions<P extends PushOutcome> {
  db: FieldbookDb;
  api: CustomersApi;
  /** The profile's scope filter (OData text); a function when the profile can change it. */
  scope: string | (() => string);
  drainOutbox: DrainOutbox<P>;
  status?: SyncStatusStore | undefined;
  concurrency?: number | undefined;
  pageSize?: number | undefined;
  now?: (() => Date) | undefined;
}

export interface SyncReport<P extends PushOutcome = PushOutcome> {
  outcome: 'synced' | 'paused' | 'failed' | 'cancelled';
  push: P | null;
  pull: PullReport | null;
  briefcase: DownloadReport | null;
  paused: PushPause;
  /** The API failure that stopped the sync, when it was one. */
  failure: ApiFailure | null;
  /** A sentence for the status line. */
  message: string | null;
  lastSyncedAt: string | null;
}

export interface SyncEngine<P extends PushOutcome = PushOutcome> {
  /** Runs one sync; a call while one is running gets that run's report. */
  syncNow(options?: { signal?: AbortSignal }): Promise<SyncReport<P>>;
  isRunning(): boolean;
}

function connectivityAfter(failure: ApiFailure | undefined): Connectivity | undefined {
  if (!failure) return undefined;
  if (failure.kind === 'unauthorized') return 'unauthorized';
  if (failure.kind === 'network' || failure.kind === 'timeout') return 'offline';
  return 'online'; // the server answered
}

const pauseMessages: Record<Exclude<PushPause, null>, string> = {
  reauth: 'Sign in again: the server refused the credential. Your changes are kept and will be sent afterwards.',
  configure: 'This connection profile cannot be used as it is; check its settings. Your changes are kept.',
};

export function createSyncEngine<P extends PushOutcome>(options: SyncEngineOptions<P>): SyncEngine<P> {
  const { db, api, status } = options;
  const set = (patch: StatusPatch): void => status?.set(patch);
  const progress = (done: number, total: number): void => set({ progress: { done, total } });
  let running: Promise<SyncReport<P>> | null = null;

  async function run(signal: AbortSignal | undefined): Promise<SyncReport<P>> {
    const report: SyncReport<P> = { outcome: 'synced', push: null, pull: null, briefcase: null, paused: null, failure: null, message: null, lastSyncedAt: null };
    try {
      set({ phase: 'pushing', progress: null, lastError: null });
      report.push = await options.drainOutbox(db, api, signal ? { signal } : {});
      if (report.push.paused) {
        const message = pauseMessages[report.push.paused];
        set({ phase: 'idle', progress: null, lastError: message, ...(report.push.paused === 'reauth' ? { connectivity: 'unauthorized' } : {}) });
        return { ...report, outcome: 'paused', paused: report.push.paused, message };
      }
      signal?.throwIfAborted();
      set({ phase: 'pulling', progress: null });
      const scope = typeof options.scope === 'function' ? options.scope() : options.scope;
      const tuning = { concurrency: options.concurrency, now: options.now, signal };
      report.pull = await pullCustomers(db, api, { ...tuning, scope, pageSize: options.pageSize, onProgress: progress });
      set({ phase: 'downloading', progress: null });
      report.briefcase = await refreshBriefcase(db, api, { ...tuning, onProgress: progress });
      if (report.briefcase.cancelled) signal?.throwIfAborted();

      const failed = report.briefcase.failed.length;
      report.message = failed ? `The full detail of ${failed} customer${failed === 1 ? '' : 's'} could not be downloaded; it will be tried again.` : null;
      report.lastSyncedAt = (options.now?.() ?? new Date()).toISOString();
      await db.meta.put({ key: lastSyncedAtKey, value: report.lastSyncedAt });
      set({ phase: 'idle', progress: null, connectivity: 'online', lastError: report.message });
      return report;
    } catch (error) {
      if (isAbortOf(error, signal)) {
        set({ phase: 'idle', progress: null });
        return { ...report, outcome: 'cancelled' };
      }
      const failure = failureOf(error);
      const message = failure?.message ?? (error instanceof Error ? error.message : String(error));
      const connectivity = connectivityAfter(failure);
      set({ phase: 'idle', progress: null, lastError: message, ...(connectivity ? { connectivity } : {}) });
      return { ...report, outcome: 'failed', failure: failure ?? null, message };
    }
  }

  return {
    syncNow({ signal } = {}) {
      running ??= run(signal).finally(() => {
        running = null;
      });
      return running;
    },
    isRunning: () => running !== null,
  };
}
