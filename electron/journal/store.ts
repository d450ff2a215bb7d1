import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEntry, JournalRecord } from '../../shared/ipc';
import { removeStaleTempFiles, syncFolder, writeFileAtomic, type StoreFs } from '../files/atomic-write';
import { apply, compacted, lineOf, parseJournal, sortedEntries, type LiveEntry } from './file';

/*
 * The outbox journal: per profile, an append-only file `<dir>/<profileId>.jsonl` that mirrors
 * every change of the renderer's outbox, so the unsynced changes survive whatever happens to
 * IndexedDB (eviction, corruption, a cleared cache).
 *
 * - append: the records of one call are ONE write, fsynced before the call answers: when the
 *   renderer hears "ok", the change is on disk. A failed append leaves the file to be rewritten
 *   before the next one (a partial line must not glue itself to the next record).
 * - compaction: at the first use after start (when the file holds anything but the live
 *   entries, e.g. a torn last line), when it grows past a threshold, and whenever no entry is
 *   left (the file is removed: a synced outbox leaves nothing behind). It rewrites atomically
 *   (temp file, fsync, rename, folder fsync): a crash leaves the old file or the new, whole.
 * - nothing here logs an entry's content (personal data); only counts, seqs and file names.
 *
 * One operation per profile at a time, in the order they were called.
 */

/** What the store needs of node:fs/promises (tests pass one that fails or records the order of calls). */
export type JournalFs = StoreFs;

export interface JournalStoreOptions {
  /** The journal folder (`<userData>/journal`); created on the first append. */
  readonly dir: string;
  readonly fs?: JournalFs;
  /** Compact when the file is larger than this and at least twice its live content. Default 1 MiB. */
  readonly compactAtBytes?: number;
  readonly log?: (line: string) => void;
  readonly now?: () => Date;
}

export interface JournalContent {
  /** The live entries, by seq. */
  readonly entries: JournalEntry[];
  /** What reading found and skipped, for the user or a support person; never an entry's content. */
  readonly notes: string[];
}

export interface JournalStore {
  /** Appends and fsyncs; answers with the number of live entries after it. */
  append(profileId: string, records: readonly JournalRecord[]): Promise<{ live: number }>;
  read(profileId: string): Promise<JournalContent>;
  /** Live entries: the profile's unsynced changes. */
  count(profileId: string): Promise<number>;
  /** Removes the journal; answers with the live entries it held. */
  clear(profileId: string): Promise<number>;
  /** Rewrites the file with only the live entries (also removes it when none are left). */
  compact(profileId: string): Promise<void>;
  /** The file of a profile's journal. */
  fileOf(profileId: string): string;
}

export const DEFAULT_COMPACT_AT_BYTES = 1024 * 1024;
export const JOURNAL_EXTENSION = '.jsonl';

interface ProfileJournal {
  readonly file: string;
  readonly live: Map<number, LiveEntry>;
  /** Bytes in the file, as far as we wrote or read it. */
  bytes: number;
  /** Lines in the file (records, live or not). */
  lines: number;
  /** The file holds something that must go before the next append (a torn line, a failed append). */
  needsRewrite: boolean;
  notes: string[];
}

// Profile ids are validated by the bridge contract (a UUID, or 'demo'); this keeps a file name safe regardless.
const safeId = /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/u;

export function createJournalStore(options: JournalStoreOptions): JournalStore {
  const fs = options.fs ?? nodeFs;
  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const threshold = options.compactAtBytes ?? DEFAULT_COMPACT_AT_BYTES;
  const journals = new Map<string, ProfileJournal>();
  const chains = new Map<string, Promise<unknown>>();

  function fileOf(profileId: string): string {
    if (!safeId.test(profileId)) throw new Error('Not a profile id the journal can name a file after');
    return join(options.dir, `${profileId}${JOURNAL_EXTENSION}`);
  }

  /** One operation per profile at a time, each after the previous one (whatever its outcome). */
  function serial<T>(profileId: string, operation: () => Promise<T>): Promise<T> {
    const previous = chains.get(profileId) ?? Promise.resolve();
    const run = previous.then(operation, operation);
    chains.set(profileId, run.catch(() => undefined));
    return run;
  }

  async function load(profileId: string): Promise<ProfileJournal> {
    const known = journals.get(profileId);
    if (known) return known;
    const file = fileOf(profileId);
    await removeStaleTempFiles(file, fs);
    let text = '';
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const parsed = parseJournal(text);
    const notes: string[] = [];
    if (parsed.torn) {
      notes.push('The journal\'s last line was incomplete (Fieldbook stopped while writing it) and was ignored; that change had not been confirmed as saved.');
      log(`journal ${profileId}: ignored an incomplete last line (a crash while appending)`);
    }
    if (parsed.damaged.length) {
      notes.push(`${parsed.damaged.length} damaged line(s) of the journal could not be read and were ignored.`);
      log(`journal ${profileId}: ignored ${parsed.damaged.length} damaged line(s) (line ${parsed.damaged.slice(0, 10).join(', ')})`);
    }
    const journal: ProfileJournal = {
      file,
      live: parsed.live,
      bytes: Buffer.byteLength(text),
      lines: parsed.lines,
      needsRewrite: parsed.torn || parsed.damaged.length > 0,
      notes,
    };
    journals.set(profileId, journal);
    // At start: a file holding more than its live entries is rewritten now, before anything is appended.
    if (journal.needsRewrite || journal.lines > journal.live.size) {
      await rewrite(profileId, journal).catch((error: unknown) => {
        // The next append tries again first (needsRewrite stays set if the file had a bad line).
        log(`journal ${profileId}: compaction at start failed: ${messageOf(error)}`);
      });
    }
    return journal;
  }

  async function rewrite(profileId: string, journal: ProfileJournal): Promise<void> {
    const before = journal.lines;
    if (journal.live.size === 0) {
      await fs.rm(journal.file, { force: true });
      await syncFolder(options.dir, fs);
      journal.bytes = 0;
    } else {
      const text = compacted(journal.live);
      await fs.mkdir(options.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(journal.file, text, { mode: 0o600, fs });
      journal.bytes = Buffer.byteLength(text);
    }
    journal.lines = journal.live.size;
    journal.needsRewrite = false;
    if (before !== journal.lines) log(`journal ${profileId}: compacted ${before} line(s) to ${journal.lines} live entr${journal.lines === 1 ? 'y' : 'ies'}`);
  }

  function liveBytes(journal: ProfileJournal): number {
    return Buffer.byteLength(compacted(journal.live));
  }

  async function append(profileId: string, records: readonly JournalRecord[]): Promise<{ live: number }> {
    const journal = await load(profileId);
    if (journal.needsRewrite) await rewrite(profileId, journal);
    const at = now().toISOString();
    const text = records.map((record) => lineOf(record, at)).join('');
    const isNew = journal.bytes === 0;
    await fs.mkdir(options.dir, { recursive: true, mode: 0o700 });
    let handle: nodeFs.FileHandle | undefined;
    try {
      handle = await fs.open(journal.file, 'a', 0o600);
      await handle.writeFile(text);
      // Durability is the point: the renderer is told "saved" only after this.
      await handle.sync();
      await handle.close();
      handle = undefined;
    } catch (error) {
      await handle?.close().catch(() => undefined);
      // Part of the text may be in the file: rewrite it from what is known before appending again.
      journal.needsRewrite = true;
      throw error;
    }
    if (isNew) await syncFolder(options.dir, fs);
    for (const record of records) apply(journal.live, record, at);
    journal.bytes += Buffer.byteLength(text);
    journal.lines += records.length;
    const empty = journal.live.size === 0;
    if (empty || (journal.bytes > threshold && journal.bytes > 2 * liveBytes(journal))) {
      // The append is durable already; a failed compaction is tried again later.
      await rewrite(profileId, journal).catch((error: unknown) => log(`journal ${profileId}: compaction failed: ${messageOf(error)}`));
    }
    return { live: journal.live.size };
  }

  return {
    fileOf,
    append: (profileId, records) => serial(profileId, () => append(profileId, records)),
    read: (profileId) => serial(profileId, async () => {
      const journal = await load(profileId);
      return { entries: sortedEntries(journal.live).map(({ entry }) => entry), notes: [...journal.notes] };
    }),
    count: (profileId) => serial(profileId, async () => (await load(profileId)).live.size),
    clear: (profileId) => serial(profileId, async () => {
      const file = fileOf(profileId);
      const count = await load(profileId).then((journal) => journal.live.size, () => 0);
      await fs.rm(file, { force: true });
      await syncFolder(options.dir, fs);
      journals.set(profileId, { file, live: new Map(), bytes: 0, lines: 0, needsRewrite: false, notes: [] });
      if (count) log(`journal ${profileId}: cleared ${count} live entr${count === 1 ? 'y' : 'ies'}`);
      return count;
    }),
    compact: (profileId) => serial(profileId, async () => rewrite(profileId, await load(profileId))),
  };
}

/** An fs error's message names a file, never its content. */
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
