import type { OutboxEntry } from '../cache/records';
import { bodyOf } from './working-copy';

/*
 * Which queued entries may be sent now. Entries of one record go strictly in order (only the
 * first of a record's chain is ever a candidate), and a record waits for what it depends on:
 * - a child (address, parameter, …) waits for its customer's create
 * - a customer's delete waits for its children's entries (only ones already on the wire remain)
 * - a customer whose parentCustomer is another customer created offline waits for that create
 * - a record whose first entry is in conflict or needs attention waits for the user
 * - an entry backing off waits until its notBefore
 */

export type WaitReason = 'user' | 'backoff' | 'parent-create' | 'children' | null;

export interface Dependencies {
  /** Customers whose create is still queued. */
  creating: Set<string>;
  /** Customers with queued child entries. */
  withChildren: Set<string>;
}

export function dependenciesOf(entries: readonly OutboxEntry[]): Dependencies {
  const lower = (guid: string) => guid.toLowerCase();
  return {
    creating: new Set(entries.filter((e) => e.entity === 'customer' && e.op === 'create').map((e) => lower(e.customerGuid))),
    withChildren: new Set(entries.filter((e) => e.entity !== 'customer').map((e) => lower(e.customerGuid))),
  };
}

/** Why the first entry of a chain cannot go now (null: it can). Also for the UI's "waiting" badge. */
export function waitReason(head: OutboxEntry, deps: Dependencies, now: number): WaitReason {
  if (head.state === 'conflict' || head.state === 'attention') return 'user';
  const guid = head.customerGuid.toLowerCase();
  if (head.entity !== 'customer' && deps.creating.has(guid)) return 'parent-create';
  if (head.entity === 'customer' && head.op === 'delete' && deps.withChildren.has(guid)) return 'children';
  const parent = head.entity === 'customer' ? bodyOf(head)['parentCustomer'] : undefined;
  if (typeof parent === 'string' && parent.toLowerCase() !== guid && deps.creating.has(parent.toLowerCase())) return 'parent-create';
  if (head.notBefore > now) return 'backoff';
  return null;
}

/** The chains (entries of one record, oldest first) whose first entry may go now. `skip`: records to leave alone. */
export function readyChains(entries: readonly OutboxEntry[], now: number, skip: ReadonlySet<string>, deferred?: Set<number>): OutboxEntry[][] {
  const chains = new Map<string, OutboxEntry[]>();
  for (const entry of [...entries].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) {
    const chain = chains.get(entry.entityKey);
    if (chain) chain.push(entry);
    else chains.set(entry.entityKey, [entry]);
  }
  const deps = dependenciesOf(entries);
  const ready: OutboxEntry[][] = [];
  for (const [key, chain] of chains) {
    const head = chain[0] as OutboxEntry;
    if (skip.has(key)) continue;
    const reason = waitReason(head, deps, now);
    if (reason === 'backoff') deferred?.add(head.seq as number);
    if (reason === null) ready.push(chain);
  }
  return ready;
}

/** Runs `work` over `items`, at most `limit` at a time; the first error is rethrown once all have settled. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (next < items.length && errors.length === 0) {
      const item = items[next++] as T;
      await work(item).catch((error: unknown) => void errors.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (errors.length) throw errors[0];
}

/** What a drain reports about the entries it leaves behind. `deferred`: entries it backed off. */
export function tally(rest: readonly OutboxEntry[], now: number, deferred: ReadonlySet<number>): { retryLater: number; remaining: number; nextAttemptAt: number | null } {
  const waiting = rest.filter((e) => e.state === 'pending' || e.state === 'waiting' || e.state === 'sending');
  const times = waiting.map((e) => e.notBefore).filter((t) => t > now);
  return {
    retryLater: waiting.filter((e) => deferred.has(e.seq as number) || e.notBefore > now).length,
    remaining: rest.length,
    nextAttemptAt: times.length ? Math.min(...times) : null,
  };
}
