import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJournalStore, parseJournal, type JournalStoreOptions } from '../../electron/journal';
import { entry, personal, profileId, removal, tempDir, upsert } from './fixtures';

// The journal on a real temp folder: an upsert log per profile, read back as its live entries,
// compacted at start, past a threshold and when nothing is left, tolerant of a torn last line.

let dir: string;
let cleanup: () => Promise<void>;
let logs: string[];

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  logs = [];
});
afterEach(async () => cleanup());

const store = (options: Partial<JournalStoreOptions> = {}) =>
  createJournalStore({ dir, log: (line) => logs.push(line), now: () => new Date('2026-05-04T09:00:00.000Z'), ...options });
const lines = async (file: string): Promise<string[]> => (await readFile(file, 'utf8')).split('\n').filter(Boolean);

describe('the journal store', () => {
  it('keeps the full current state of each entry by seq, and forgets removed ones', async () => {
    const journal = store();
    expect(await journal.read(profileId)).toEqual({ entries: [], notes: [] });
    expect(await journal.append(profileId, [upsert(entry(1)), upsert(entry(2))])).toEqual({ live: 2 });
    // Coalesced later: the same seq with its new state.
    const coalesced = entry(1, { body: { email: personal, note: 'changed twice' }, updatedAt: '2026-01-02T00:00:00.000Z' });
    expect(await journal.append(profileId, [upsert(coalesced), upsert(entry(3))])).toEqual({ live: 3 });
    expect(await journal.append(profileId, [removal(2), removal(99)])).toEqual({ live: 2 });
    expect((await journal.read(profileId)).entries).toEqual([coalesced, entry(3)]);
    expect(await journal.count(profileId)).toBe(2);

    // One line per record, each the record with the time it was written.
    const file = journal.fileOf(profileId);
    expect(file).toBe(join(dir, `${profileId}.jsonl`));
    const written = await lines(file);
    expect(written).toHaveLength(6);
    expect(JSON.parse(written[4] ?? '')).toEqual({ at: '2026-05-04T09:00:00.000Z', seq: 2, removed: true, reason: 'synced' });
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    // A fresh store (the next start) reads the same live entries, and compacts the file to them.
    const next = store();
    expect((await next.read(profileId)).entries).toEqual([coalesced, entry(3)]);
    expect(await lines(file)).toHaveLength(2);
    expect(parseJournal(await readFile(file, 'utf8')).live.get(1)?.entry).toEqual(coalesced);
  });

  it('compacts to nothing when every entry is gone (a successful drain)', async () => {
    const journal = store();
    await journal.append(profileId, [upsert(entry(1)), upsert(entry(2))]);
    expect(await journal.append(profileId, [removal(1), removal(2, 'discarded')])).toEqual({ live: 0 });
    expect(await readdir(dir)).toEqual([]);
    expect(await journal.read(profileId)).toEqual({ entries: [], notes: [] });
    // And starts again from nothing.
    expect(await journal.append(profileId, [upsert(entry(3))])).toEqual({ live: 1 });
    expect(await lines(journal.fileOf(profileId))).toHaveLength(1);
  });

  it('compacts when the file grows past the threshold, keeping only live entries', async () => {
    const journal = store({ compactAtBytes: 4_000 });
    for (let round = 0; round < 20; round++) {
      await journal.append(profileId, [upsert(entry(1, { attempts: round })), upsert(entry(2, { attempts: round }))]);
    }
    const size = (await stat(journal.fileOf(profileId))).size;
    expect(size).toBeLessThan(4_000 + 2_000);
    expect(logs.some((line) => line.includes('compacted'))).toBe(true);
    expect((await journal.read(profileId)).entries.map((e) => e.attempts)).toEqual([19, 19]);
    // Live content above the threshold is not rewritten on every append.
    const big = store({ compactAtBytes: 100 });
    await big.append('demo', [upsert(entry(1))]);
    await big.append('demo', [upsert(entry(2))]);
    expect(await lines(big.fileOf('demo'))).toHaveLength(2);
  });

  it('ignores a torn last line with a note, and never glues the next record to it', async () => {
    const journal = store();
    await journal.append(profileId, [upsert(entry(1)), upsert(entry(2))]);
    const file = journal.fileOf(profileId);
    // A crash in the middle of appending the third record.
    const third = JSON.stringify({ at: 'x', seq: 3, entry: entry(3) });
    await appendFile(file, third.slice(0, 60));

    const next = store();
    const content = await next.read(profileId);
    expect(content.entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(content.notes).toEqual([expect.stringContaining('last line was incomplete')]);
    expect(logs.some((line) => line.includes('incomplete last line'))).toBe(true);
    // Rewritten at start: the file ends with a whole line again.
    expect((await readFile(file, 'utf8')).endsWith('\n')).toBe(true);
    await next.append(profileId, [upsert(entry(4))]);
    expect((await store().read(profileId)).entries.map((e) => e.seq)).toEqual([1, 2, 4]);
  });

  it('skips a damaged line in the middle with a note that says where, not what', async () => {
    const file = join(dir, `${profileId}.jsonl`);
    const good = (seq: number) => `${JSON.stringify({ at: 'x', ...upsert(entry(seq)) })}\n`;
    await writeFile(file, `${good(1)}{"at":"x","seq":2,"entry":{"email":"${personal}"}}\nnot json ${personal}\n${good(3)}`);
    const content = await store().read(profileId);
    expect(content.entries.map((e) => e.seq)).toEqual([1, 3]);
    expect(content.notes).toEqual(['2 damaged line(s) of the journal could not be read and were ignored.']);
    expect(logs.join('\n')).toContain('line 2, 3');
    expect(logs.join('\n')).not.toContain(personal);
  });

  it('serves one operation per profile at a time, in call order', async () => {
    const journal = store();
    await Promise.all(Array.from({ length: 30 }, (_, i) => journal.append(profileId, [upsert(entry(1, { attempts: i }))])));
    expect((await journal.read(profileId)).entries[0]?.attempts).toBe(29);
  });

  it('clears a journal and answers with what it held', async () => {
    const journal = store();
    await journal.append(profileId, [upsert(entry(1)), upsert(entry(2))]);
    await journal.append('demo', [upsert(entry(1))]);
    expect(await journal.clear(profileId)).toBe(2);
    expect(await journal.count(profileId)).toBe(0);
    expect(await readdir(dir)).toEqual(['demo.jsonl']);
    expect(await journal.clear(profileId)).toBe(0);
  });

  it('refuses a profile id that is not a safe file name', async () => {
    const journal = store();
    for (const id of ['../profiles', 'a/b', '', '.hidden', 'x'.repeat(101)]) {
      await expect(journal.append(id, [upsert(entry(1))])).rejects.toThrow(/profile id/u);
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('never logs an entry\'s content', async () => {
    const journal = store({ compactAtBytes: 1_000 });
    for (let i = 1; i <= 10; i++) await journal.append(profileId, [upsert(entry(i)), removal(i)]);
    await appendFile(journal.fileOf(profileId), `{"at":"x","seq":11,"entry":{"email":"${personal}`);
    await store().read(profileId);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(personal);
    expect(logs.join('\n')).not.toContain('change 1');
  });
});
