import type { EntityKind, OutboxEntry } from '../cache/records';
import { entityKeyOf } from '../outbox';

/*
 * What a row of a detail tab says about its unsynced state, read from the customer's outbox
 * entries: "Pending" while a change waits, "Not yet on the server" for a record created here,
 * "Needs attention" when the server refused it, "Conflict" when the user must choose. Derived
 * every time from the outbox (never stored on the record), so a badge cannot outlive its entry.
 */

export type RecordState = 'conflict' | 'attention' | 'pending' | null;

export interface RecordStatus {
  /** The most urgent state among the record's queued entries. */
  state: RecordState;
  /** Created on this computer and not yet on the server (its create is still queued). */
  localOnly: boolean;
  /** Its delete is queued (the row is already gone from the working copy; kept for completeness). */
  deleting: boolean;
}

export const cleanStatus: RecordStatus = { state: null, localOnly: false, deleting: false };

/** The entries of each record, oldest first, by entity key. */
export function chainsOf(entries: readonly OutboxEntry[]): Map<string, OutboxEntry[]> {
  const chains = new Map<string, OutboxEntry[]>();
  for (const entry of [...entries].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) {
    const chain = chains.get(entry.entityKey);
    if (chain) chain.push(entry);
    else chains.set(entry.entityKey, [entry]);
  }
  return chains;
}

const rank: Record<Exclude<RecordState, null>, number> = { conflict: 3, attention: 2, pending: 1 };

export function statusOfChain(chain: readonly OutboxEntry[] | undefined): RecordStatus {
  if (!chain?.length) return cleanStatus;
  let state: RecordState = null;
  for (const entry of chain) {
    const next: RecordState = entry.state === 'conflict' ? 'conflict' : entry.state === 'attention' ? 'attention' : 'pending';
    if (state === null || rank[next] > rank[state]) state = next;
  }
  return { state, localOnly: chain[0]?.op === 'create', deleting: chain.at(-1)?.op === 'delete' };
}

/** The status of one record among a customer's chains. */
export const statusOf = (chains: ReadonlyMap<string, OutboxEntry[]>, entity: EntityKind, customerGuid: string, id: string): RecordStatus =>
  statusOfChain(chains.get(entityKeyOf(entity, customerGuid, id)));

/** One record's chain (for its form's server errors). */
export const chainOf = (chains: ReadonlyMap<string, OutboxEntry[]>, entity: EntityKind, customerGuid: string, id: string): OutboxEntry[] =>
  chains.get(entityKeyOf(entity, customerGuid, id)) ?? [];
