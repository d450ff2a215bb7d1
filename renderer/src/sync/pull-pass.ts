import type { FieldbookDb } from '../cache/db';
import { keyRangeCount } from './key-ranges';

/*
 * The state of a pull pass, kept in `db.meta` so an interrupted pass (cancelled, crashed,
 * offline) resumes where each key range stopped instead of starting over. Each range's cursor
 * is written in the same transaction as the page it follows: after a crash the cursor never
 * points past rows that were not stored.
 */

export interface RangeState {
  /** The last key stored; the next page asks for keys after it. */
  cursor: string | null;
  /** Rows stored by this pass in this range. */
  fetched: number;
  done: boolean;
}

export interface PassState {
  passId: number;
  /** The canonical scope filter; a pass for another scope is not resumed. */
  scope: string;
  startedAt: string;
  ranges: RangeState[];
}

export const metaKeys = {
  pass: 'pull.pass',
  /** The highest pass id ever handed out: a new pass is always newer than every stamp. */
  lastPassId: 'pull.lastPassId',
  lastCompletedAt: 'pull.lastCompletedAt',
} as const;

const freshRanges = (): RangeState[] => Array.from({ length: keyRangeCount }, () => ({ cursor: null, fetched: 0, done: false }));

/** The unfinished pass for `scope`, or a new one (an unfinished pass for another scope is dropped). */
export async function beginPass(db: FieldbookDb, scope: string, now: string): Promise<{ pass: PassState; resumed: boolean }> {
  return db.transaction('rw', db.meta, async () => {
    const current = (await db.meta.get(metaKeys.pass))?.value as PassState | undefined;
    if (current && current.scope === scope && current.ranges.length === keyRangeCount) return { pass: current, resumed: true };
    const last = ((await db.meta.get(metaKeys.lastPassId))?.value as number | undefined) ?? 0;
    const passId = Math.max(last, current?.passId ?? 0) + 1;
    const pass: PassState = { passId, scope, startedAt: now, ranges: freshRanges() };
    await db.meta.bulkPut([{ key: metaKeys.pass, value: pass }, { key: metaKeys.lastPassId, value: passId }]);
    return { pass, resumed: false };
  });
}

/**
 * Records one range's progress. Run inside the page's transaction; reads and writes the stored
 * pass so concurrent ranges never overwrite each other's cursors.
 */
export async function saveRange(db: FieldbookDb, passId: number, index: number, range: RangeState): Promise<void> {
  const stored = (await db.meta.get(metaKeys.pass))?.value as PassState | undefined;
  if (stored?.passId !== passId) throw new Error(`Pull pass ${passId} was superseded; its page is not stored`);
  stored.ranges[index] = range;
  await db.meta.put({ key: metaKeys.pass, value: stored });
}

export async function finishPass(db: FieldbookDb, passId: number, now: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const stored = (await db.meta.get(metaKeys.pass))?.value as PassState | undefined;
    if (stored?.passId === passId) await db.meta.delete(metaKeys.pass);
    await db.meta.put({ key: metaKeys.lastCompletedAt, value: now });
  });
}
