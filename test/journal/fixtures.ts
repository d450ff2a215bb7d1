import * as nodeFs from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { JournalFs } from '../../electron/journal';
import type { JournalEntry, JournalRecord } from '../../shared/ipc';

/*
 * Shared by the journal tests: outbox entries with personal data in them (so a test can look
 * for it in logs), a temp folder per test, and an fs that records the order of its calls and
 * can be told to fail or "crash" at one of them.
 */

export const guid = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
export const profileId = '7d1c2b3a-0000-4000-8000-00000000abcd';
/** Personal data a log must never show. */
export const personal = 'Ingrid.Personal@example.se';

export function entry(seq: number, fields: Partial<JournalEntry> = {}): JournalEntry {
  return {
    seq, entity: 'customer', op: 'update', customerGuid: guid, id: guid, entityKey: `customer:${guid}`,
    body: { email: personal, note: `change ${seq}` }, state: 'pending', attempts: 0, notBefore: 0, lastFailure: null,
    createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', baseValues: { email: 'old@example.se' },
    ...fields,
  };
}

export const upsert = (e: JournalEntry): JournalRecord => ({ seq: e.seq, entry: e });
export const removal = (seq: number, reason: 'synced' | 'discarded' = 'synced'): JournalRecord => ({ seq, removed: true, reason });

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'fieldbook-journal-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export type Step = string;

export interface RecordingFs extends JournalFs {
  readonly steps: Step[];
  /** Throws at the first step whose name starts with `step` (e.g. 'rename', 'sync:'), once. */
  failAt(step: string, error?: Error): void;
  /** Holds the next `sync` of a file until `release()` is called. */
  holdNextSync(): { reached: Promise<void>; release: () => void };
}

/** node:fs/promises, recording `open:<flags>:<name>`, `write:<name>`, `sync:<name>`, `close:<name>`, `rename:<from>><to>`, `rm:<name>`. */
export function recordingFs(): RecordingFs {
  const steps: Step[] = [];
  let failure: { step: string; error: Error } | undefined;
  let hold: { reached: () => void; gate: Promise<void> } | undefined;
  const check = (step: string): void => {
    steps.push(step);
    if (failure && step.startsWith(failure.step)) {
      const { error } = failure;
      failure = undefined;
      throw error;
    }
  };
  const fs: RecordingFs = {
    steps,
    failAt(step, error = Object.assign(new Error(`injected failure at ${step}`), { code: 'EIO' })) {
      failure = { step, error };
    },
    holdNextSync() {
      let release!: () => void;
      let reached!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      hold = { reached, gate };
      return { reached: reachedPromise, release };
    },
    readFile: nodeFs.readFile,
    mkdir: nodeFs.mkdir,
    readdir: nodeFs.readdir,
    async rm(path, options) {
      check(`rm:${basename(String(path))}`);
      return nodeFs.rm(path, options);
    },
    async rename(from, to) {
      check(`rename:${basename(String(from)).replace(/\.[0-9a-f]{12}\.tmp$/u, '.TMP')}>${basename(String(to))}`);
      return nodeFs.rename(from, to);
    },
    async open(path, flags, mode) {
      const name = basename(String(path)).replace(/\.[0-9a-f]{12}\.tmp$/u, '.TMP');
      check(`open:${String(flags)}:${name}`);
      const handle = await nodeFs.open(path, flags, mode);
      return new Proxy(handle, {
        get(target, key) {
          if (key === 'writeFile') {
            return async (data: string | Uint8Array) => {
              check(`write:${name}`);
              return target.writeFile(data);
            };
          }
          if (key === 'sync') {
            return async () => {
              check(`sync:${name}`);
              const held = hold;
              if (held && String(flags) !== 'r') {
                hold = undefined;
                held.reached();
                await held.gate;
              }
              return target.sync();
            };
          }
          if (key === 'close') {
            return async () => {
              steps.push(`close:${name}`);
              return target.close();
            };
          }
          const value = Reflect.get(target, key, target) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
  } as RecordingFs;
  return fs;
}
