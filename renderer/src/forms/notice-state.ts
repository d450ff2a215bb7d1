import type { OutboxEntry } from '../cache/records';

/*
 * Where a saved change stands, from its records' outbox entries: still queued (and whether the
 * app is online to send it), gone from the outbox (the server has it, or there was nothing to
 * send), refused by the server, or in conflict.
 */

export type NoticeState = 'queued' | 'sending' | 'synced' | 'attention' | 'conflict';

export function noticeState(entries: readonly OutboxEntry[], online: boolean): NoticeState {
  if (entries.some((e) => e.state === 'conflict')) return 'conflict';
  if (entries.some((e) => e.state === 'attention')) return 'attention';
  if (entries.length === 0) return 'synced';
  return online ? 'sending' : 'queued';
}
