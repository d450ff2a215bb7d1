import { readdir, readFile } from 'node:fs/promises';

/*
 * Where the CPU went during a measurement, per process: this one (the bridge: main's API
 * client), the sandbox, and Chromium (browser process: IndexedDB's backend and the network;
 * renderers: the page). Read from /proc (Linux), so it includes the work a page's profile
 * cannot see, such as IndexedDB writing in the browser process. Diagnostics for stderr only.
 */

interface Proc {
  pid: number;
  ppid: number;
  /** Chromium's --type (renderer, gpu-process, utility, zygote), 'browser' for the browser process. */
  kind: string;
  ticks: number;
}

const TICKS_PER_SECOND = 100;

async function processes(): Promise<Proc[]> {
  const out: Proc[] = [];
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/u.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const close = stat.lastIndexOf(')');
    if (close < 0) continue;
    const fields = stat.slice(close + 2).split(' ');
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const kind = /--type=([\w-]+)/u.exec(cmdline)?.[1] ?? 'browser';
    // After "pid (comm)": state ppid … utime (14th field overall) stime (15th).
    out.push({ pid: Number(entry), ppid: Number(fields[1]), kind, ticks: Number(fields[11]) + Number(fields[12]) });
  }
  return out;
}

export interface CpuSnapshot {
  /** CPU ms by group: 'bridge' (this process), 'sandbox', 'chromium:<kind>'. */
  readonly ms: Record<string, number>;
}

/** CPU ms of this process, of `sandboxPids` and of every other descendant (Chromium). */
export async function cpuSnapshot(sandboxPids: readonly number[] = []): Promise<CpuSnapshot> {
  const all = await processes();
  const children = new Map<number, Proc[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const ms: Record<string, number> = { bridge: 0, sandbox: 0 };
  const own = process.cpuUsage();
  ms['bridge'] = (own.user + own.system) / 1000;
  const walk = (pid: number, inSandbox: boolean): void => {
    for (const child of children.get(pid) ?? []) {
      const sandbox = inSandbox || sandboxPids.includes(child.pid);
      const g = sandbox ? 'sandbox' : `chromium:${child.kind}`;
      ms[g] = (ms[g] ?? 0) + (child.ticks * 1000) / TICKS_PER_SECOND;
      walk(child.pid, sandbox);
    }
  };
  walk(process.pid, false);
  return { ms };
}

export function cpuDelta(before: CpuSnapshot, after: CpuSnapshot): string {
  return Object.keys(after.ms)
    .map((group) => `${group} ${Math.round((after.ms[group] ?? 0) - (before.ms[group] ?? 0))} ms`)
    .join(', ');
}

/**
 * Waits until Chromium's browser process is at rest (under 10% of a core for a second), at most
 * `maxMs`: after writing 100,000 customers LevelDB compacts for a while, and a query measured
 * meanwhile measures the compaction. Returns how long it waited.
 */
export async function browserAtRest(maxMs = 30_000): Promise<number> {
  const began = performance.now();
  for (;;) {
    const before = await cpuSnapshot();
    await new Promise((done) => setTimeout(done, 1_000));
    const after = await cpuSnapshot();
    const busy = (after.ms['chromium:browser'] ?? 0) - (before.ms['chromium:browser'] ?? 0);
    if (busy < 100 || performance.now() - began > maxMs) return performance.now() - began;
  }
}
