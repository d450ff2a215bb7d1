import * as v from 'valibot';
import { isJournalRemoval, journalRecordSchema, type JournalEntry, type JournalRecord } from '../../shared/ipc';

/*
 * The journal file's format: JSON Lines, one record per line, each line the record with the
 * time it was written (`at`) in front:
 *
 *   {"at":"2026-05-04T09:12:01.200Z","seq":7,"entry":{…the outbox entry as written…}}
 *   {"at":"2026-05-04T09:15:40.031Z","seq":7,"removed":true,"reason":"synced"}
 *
 * Replaying the lines in order gives the live entries. Reading never throws for bad content:
 * a torn last line (the app stopped mid-append) or a damaged line is skipped and reported as a
 * note that says where, never what (a line holds personal data).
 */

export interface LiveEntry {
  readonly entry: JournalEntry;
  /** When its current state was written. */
  readonly at: string;
}

export interface ParsedJournal {
  readonly live: Map<number, LiveEntry>;
  /** Complete, valid lines. */
  readonly lines: number;
  /** The last line had no line break: a crash mid-append. It was ignored. */
  readonly torn: boolean;
  /** Complete lines that were not valid records (1-based line numbers). */
  readonly damaged: readonly number[];
}

export function lineOf(record: JournalRecord, at: string): string {
  return `${JSON.stringify({ at, ...record })}\n`;
}

export function apply(live: Map<number, LiveEntry>, record: JournalRecord, at: string): void {
  if (isJournalRemoval(record)) live.delete(record.seq);
  else live.set(record.seq, { entry: record.entry, at });
}

/** One line's record, or undefined when it is not one (never says why: the reason could quote the content). */
function recordOf(line: string): { record: JournalRecord; at: string } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const { at, ...rest } = json as Record<string, unknown>;
  if (typeof at !== 'string') return undefined;
  const checked = v.safeParse(journalRecordSchema, rest);
  return checked.success ? { record: checked.output as JournalRecord, at } : undefined;
}

export function parseJournal(text: string): ParsedJournal {
  const live = new Map<number, LiveEntry>();
  const parts = text.split('\n');
  // After the last line break: '' for a file that ends properly, else an unfinished line.
  const tail = parts.pop() ?? '';
  const torn = tail.length > 0;
  const damaged: number[] = [];
  let lines = 0;
  parts.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = recordOf(line);
    if (!parsed) {
      damaged.push(index + 1);
      return;
    }
    apply(live, parsed.record, parsed.at);
    lines++;
  });
  return { live, lines, torn, damaged };
}

/** The live entries as a compacted file: one upsert line each, by seq. */
export function compacted(live: ReadonlyMap<number, LiveEntry>): string {
  return sortedEntries(live).map(({ entry, at }) => lineOf({ seq: entry.seq, entry }, at)).join('');
}

export function sortedEntries(live: ReadonlyMap<number, LiveEntry>): LiveEntry[] {
  return [...live.values()].sort((a, b) => a.entry.seq - b.entry.seq);
}
