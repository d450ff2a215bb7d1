import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StoreSnapshot } from './model';
import type { Store } from './store';

/*
 * Optional persistence, so demo edits survive a restart. The file holds only what differs
 * from the seed (the store's snapshot), so it stays small even over 100,000 seeded customers.
 * Writes are debounced and atomic (temp file, fsync, rename): a crash leaves the old file or
 * the new one, never half of either.
 */

export interface PersistedFile {
  readonly format: 1;
  /** The seed settings the snapshot applies to. */
  readonly seed: number;
  readonly customers: number;
  readonly savedAt: string;
  readonly snapshot: StoreSnapshot;
}

export type LoadResult = 'loaded' | 'absent' | 'set-aside';

export class Persistence {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private savedRevision: number;

  constructor(
    readonly file: string,
    private readonly store: Store,
    private readonly base: { seed: number; customers: number },
    private readonly debounceMs = 200,
    private readonly onError: (error: unknown) => void = console.error,
  ) {
    this.savedRevision = store.revision;
  }

  /**
   * Applies the file to the store if it was written for the same seed and customer count. A
   * file for other settings, or one that cannot be read, is renamed aside rather than applied
   * to data it does not describe, or silently overwritten.
   */
  async load(): Promise<LoadResult> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
      throw error;
    }
    try {
      const data = JSON.parse(text) as PersistedFile;
      if (data.format !== 1 || data.seed !== this.base.seed || data.customers !== this.base.customers) throw new Error('other settings');
      this.store.restore(data.snapshot);
      this.savedRevision = this.store.revision;
      return 'loaded';
    } catch {
      await rename(this.file, `${this.file}.${Date.now()}.set-aside`);
      return 'set-aside';
    }
  }

  /** Called on every store change; writes once things have been quiet for a moment. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(this.onError);
    }, this.debounceMs);
    // A pending write must not keep a test process or the CLI alive; close() flushes.
    this.timer.unref();
  }

  /** Writes now if anything changed since the last write; resolves when it is on disk. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.writeIfChanged());
    return this.writing;
  }

  private async writeIfChanged(): Promise<void> {
    const revision = this.store.revision;
    if (revision === this.savedRevision) return;
    const data: PersistedFile = {
      format: 1,
      ...this.base,
      savedAt: new Date().toISOString(),
      snapshot: this.store.snapshot(),
    };
    await writeAtomically(this.file, JSON.stringify(data));
    this.savedRevision = revision;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}
