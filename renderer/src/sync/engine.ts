import { failureOf, type ApiFailure, type CustomersApi } from '../../../shared/api';
import type { FieldbookDb } from '../cache/db';
import { isAbortOf } from './abort';
import { refreshBriefcase, type DownloadReport } from './briefcase';
import { syncFailureText, syncTextOf, unexpectedSyncText, type SyncText } from './messages';
import { pullCustomers, type PullReport } from './pull';
import { lastSyncedAtKey, type Connectivity, type StatusPatch, type SyncStatusStore } from './status';

/*
 * One sync: push first (so the server has the user's edits before we read it back), then
 * pull the scope's list fields, then refresh the briefcase's full detail. A push that pauses
 * for re-authentication (or an unusable profile) stops everything: every later request would
 * fail the same way. Failures become a report and a status line, never a thrown error, so a
 * scheduler or a button can call syncNow() and simply show what happened. The status line is a
 * catalogue key (sync/messages.ts), said in the user's language by the status pill.
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
  /** What the status line says (a catalogue key and its parameters), when there is anything to say. */
  message: SyncText | null;
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

const pauseMessages: Record<Exclude<PushPause, null>, SyncText> = {
  reauth: syncTextOf('sync.paused.reauth'),
  configure: syncTextOf('sync.paused.configure'),
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
      report.message = failed ? syncTextOf('sync.detailFailed', { count: failed }) : null;
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
      const message = failure ? syncFailureText(failure) : unexpectedSyncText(error);
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
