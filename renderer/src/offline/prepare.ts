import type { DownloadReport } from '../app/sync-adapter';
import type { Words } from '../pending/words';

/*
 * "Prepare for offline" in words: what a run finished, and what it did not. A cancelled run
 * keeps everything that finished, and says how far it got; a customer that failed is named by
 * count with the first reason, and is tried again at the next sync (it is in the briefcase
 * only once stored).
 */

export interface PrepareSummary {
  tone: 'success' | 'warning';
  lines: string[];
}

export function summarize(report: DownloadReport, words: Words): PrepareSummary {
  const lines: string[] = [];
  if (report.cancelled) lines.push(words.t('offline.report.cancelled', { done: report.done, total: report.total }));
  lines.push(words.t('offline.report.stored', { count: report.stored.length }));
  if (report.gone.length) lines.push(words.t('offline.report.gone', { count: report.gone.length }));
  const first = report.failed[0];
  if (first) lines.push(words.t('offline.report.failed', { count: report.failed.length, message: first.failure.message }));
  return { tone: report.cancelled || report.failed.length ? 'warning' : 'success', lines };
}

/** Percent done, for the progress bar (0 while the total is unknown). */
export const percentOf = (done: number, total: number): number => (total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0);
