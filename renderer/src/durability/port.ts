import type { BridgeClient, BridgeFailure, BridgeResult, JournalEntry, JournalRecord } from '../../../shared/ipc';
import { maxJournalRecords } from '../../../shared/ipc';

/*
 * The renderer's view of one profile's journal in the main process: the journal.* channels,
 * with failures thrown as a JournalError (the mirror retries them, the restore reports them).
 * Large batches are split so that no call exceeds the bridge's payload limits.
 */

export type JournalBridge = Pick<BridgeClient, 'journal'>;

export class JournalError extends Error {
  override readonly name = 'JournalError';
  constructor(readonly failure: BridgeFailure) {
    super(failure.message);
  }
}

export interface JournalPort {
  readonly profileId: string;
  /** Appends (one call per chunk); resolves once main has fsynced them, with the live count after. */
  append(records: readonly JournalRecord[]): Promise<number>;
  read(): Promise<{ entries: JournalEntry[]; notes: string[] }>;
  /** Main asks the user where to save; null path: cancelled. */
  export(entries?: readonly JournalEntry[]): Promise<{ path: string | null; count: number }>;
  /** Only after the user agreed to lose what the journal holds. */
  clear(): Promise<number>;
}

function unwrap<T>(result: BridgeResult<T>): T {
  if (!result.ok) throw new JournalError(result.failure);
  return result.value;
}

/*
 * The bridge refuses a payload of more than 20,000 values or 1 MiB of text (shared/ipc/payload.ts);
 * a chunk stays well below both. An outbox entry is some 20-100 values.
 */
const chunkNodes = 12_000;
const chunkChars = 600_000;

/** Values and characters of a piece of JSON, roughly as the payload gate counts them. */
export function weigh(value: unknown): { nodes: number; chars: number } {
  let nodes = 0;
  let chars = 0;
  const walk = (item: unknown): void => {
    nodes++;
    if (typeof item === 'string') chars += item.length;
    else if (Array.isArray(item)) item.forEach(walk);
    else if (item !== null && typeof item === 'object') {
      for (const [key, inner] of Object.entries(item)) {
        chars += key.length;
        walk(inner);
      }
    }
  };
  walk(value);
  return { nodes, chars };
}

/** Splits records into calls the bridge accepts; a single oversized record still goes alone (and is refused visibly). */
export function chunksOf<T>(items: readonly T[], maxItems = maxJournalRecords): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let nodes = 0;
  let chars = 0;
  for (const item of items) {
    const weight = weigh(item);
    if (current.length && (current.length >= maxItems || nodes + weight.nodes > chunkNodes || chars + weight.chars > chunkChars)) {
      chunks.push(current);
      current = [];
      nodes = 0;
      chars = 0;
    }
    current.push(item);
    nodes += weight.nodes;
    chars += weight.chars;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** Whether these entries fit one journal.export call. */
export const fitsOneCall = (entries: readonly JournalEntry[]): boolean => chunksOf(entries, 5000).length <= 1;

export function journalPort(bridge: JournalBridge, profileId: string): JournalPort {
  return {
    profileId,
    async append(records) {
      let live = 0;
      for (const chunk of chunksOf(records)) live = unwrap(await bridge.journal.append(profileId, chunk)).live;
      return live;
    },
    async read() {
      return unwrap(await bridge.journal.read(profileId));
    },
    async export(entries) {
      return unwrap(await bridge.journal.export(profileId, entries && entries.length ? [...entries] : undefined));
    },
    async clear() {
      return unwrap(await bridge.journal.clear(profileId, { confirm: true })).cleared;
    },
  };
}
