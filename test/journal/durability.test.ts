import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJournalStore } from '../../electron/journal';
import { entry, profileId, recordingFs, removal, tempDir, upsert } from './fixtures';

// What the journal promises about the disk: an append answers only after its fsync, one write
// per call; compaction is temp file + fsync + rename + folder fsync, so a crash at any point
// leaves the old file or the new one whole; a failed append is repaired before the next.

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => cleanup());

const file = `${profileId}.jsonl`;

describe('the journal on disk', () => {
  it('writes one append as one write, and answers only after the fsync', async () => {
    const fs = recordingFs();
    const journal = createJournalStore({ dir, fs });
    await journal.append(profileId, [upsert(entry(1))]);
    fs.steps.length = 0;

    const held = fs.holdNextSync();
    let answered = false;
    const appending = journal.append(profileId, [upsert(entry(2)), upsert(entry(3)), removal(1)]).then((result) => {
      answered = true;
      return result;
    });
    await held.reached;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(answered).toBe(false);
    held.release();
    expect(await appending).toEqual({ live: 2 });
    expect(fs.steps).toEqual([`open:a:${file}`, `write:${file}`, `sync:${file}`, `close:${file}`]);
  });

  it('syncs the folder after creating the file, so the new file itself survives a power cut', async () => {
    const fs = recordingFs();
    const journal = createJournalStore({ dir, fs });
    await journal.append(profileId, [upsert(entry(1))]);
    const folder = dir.split('/').at(-1);
    expect(fs.steps).toEqual([`open:a:${file}`, `write:${file}`, `sync:${file}`, `close:${file}`, `open:r:${folder}`, `sync:${folder}`, `close:${folder}`]);
  });

  it('compacts by temp file, fsync, rename, folder fsync', async () => {
    const fs = recordingFs();
    const journal = createJournalStore({ dir, fs });
    await journal.append(profileId, [upsert(entry(1)), upsert(entry(2))]);
    await journal.append(profileId, [removal(1)]);
    fs.steps.length = 0;
    await journal.compact(profileId);
    const folder = dir.split('/').at(-1);
    expect(fs.steps).toEqual([
      `open:wx:${file}.TMP`, `write:${file}.TMP`, `sync:${file}.TMP`, `close:${file}.TMP`, `rename:${file}.TMP>${file}`,
      `open:r:${folder}`, `sync:${folder}`, `close:${folder}`,
    ]);
    expect((await readFile(join(dir, file), 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('a crash between write and rename leaves the old file intact', async () => {
    const fs = recordingFs();
    const journal = createJournalStore({ dir, fs });
    await journal.append(profileId, [upsert(entry(1)), upsert(entry(2))]);
    await journal.append(profileId, [removal(1)]);
    const before = await readFile(join(dir, file), 'utf8');

    fs.failAt('rename');
    await expect(journal.compact(profileId)).rejects.toThrow(/injected failure/u);
    expect(await readFile(join(dir, file), 'utf8')).toBe(before);
    // The app died there: a temp file may be left behind. The next start removes it and reads the old file.
    await writeFile(join(dir, `${file}.0123456789ab.tmp`), 'half of a compaction');
    const next = createJournalStore({ dir });
    expect((await next.read(profileId)).entries).toEqual([entry(2)]);
    expect(await readdir(dir)).toEqual([file]);
  });

  it('a crash before the fsync of an append: the renderer was never told "saved", and the next start reads what is whole', async () => {
    const fs = recordingFs();
    const journal = createJournalStore({ dir, fs });
    await journal.append(profileId, [upsert(entry(1))]);
    fs.failAt('sync:');
    await expect(journal.append(profileId, [upsert(entry(2))])).rejects.toThrow(/injected failure/u);
    // The line may or may not be on disk; either way the file is readable and entry 1 is there.
    expect((await createJournalStore({ dir }).read(profileId)).entries.map((e) => e.seq)).toContain(1);
  });

  it('rewrites the file after a failed append before appending again (no half line glued to the next)', async () => {
    const fs = recordingFs();
    const journal = createJournalStore({ dir, fs });
    await journal.append(profileId, [upsert(entry(1))]);
    fs.failAt(`write:${file}`);
    await expect(journal.append(profileId, [upsert(entry(2))])).rejects.toThrow();
    // Simulate the partial line the failed write may have left.
    await writeFile(join(dir, file), `${(await readFile(join(dir, file), 'utf8'))}{"at":"x","seq":2,"ent`);
    fs.steps.length = 0;
    expect(await journal.append(profileId, [upsert(entry(2))])).toEqual({ live: 2 });
    expect(fs.steps[0]).toBe(`open:wx:${file}.TMP`);
    const fresh = createJournalStore({ dir });
    expect(await fresh.read(profileId)).toEqual({ entries: [entry(1), entry(2)], notes: [] });
  });
});
