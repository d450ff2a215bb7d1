import { execFile } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { promisify } from 'node:util';

/*
 * One JSON object per line per measurement on stdout, and nothing else there: progress and
 * detail go to stderr. Every figure comes with the bare cost of the same work measured in the
 * same run (`baseline`) and their ratio, so a loaded machine moves both and the ratio holds.
 */

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  chromium: string;
}

/** Upper bounds (max, maxRatio) and lower bounds (min, minRatio); all given must hold. */
export interface Target {
  max?: number;
  maxRatio?: number;
  min?: number;
  minRatio?: number;
}

export interface Measurement {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  target: Target | null;
  met: boolean | null;
  machine: Machine;
  date: string;
}

export async function machineInfo(): Promise<Machine> {
  const chromium = await promisify(execFile)(process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', ['--version'])
    .then(({ stdout }) => stdout.trim(), () => 'unknown');
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium,
  };
}

export function isMet(value: number, ratio: number | null, target: Target | null): boolean | null {
  if (!target) return null;
  const checks: boolean[] = [];
  if (target.max !== undefined) checks.push(value <= target.max);
  if (target.min !== undefined) checks.push(value >= target.min);
  if (target.maxRatio !== undefined) checks.push(ratio !== null && ratio <= target.maxRatio);
  if (target.minRatio !== undefined) checks.push(ratio !== null && ratio >= target.minRatio);
  return checks.every(Boolean);
}

const round = (n: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export function measurement(
  machine: Machine,
  name: string,
  value: number,
  unit: string,
  baseline: number | null,
  target: Target | null,
): Measurement {
  const ratio = baseline !== null && baseline > 0 ? round(value / baseline, 3) : null;
  return {
    name,
    value: round(value, 2),
    unit,
    baseline: baseline === null ? null : round(baseline, 2),
    ratio,
    target,
    met: isMet(value, ratio, target),
    machine,
    date: new Date().toISOString(),
  };
}

export function emit(m: Measurement): void {
  process.stdout.write(`${JSON.stringify(m)}\n`);
  const verdict = m.met === null ? '' : m.met ? '  ok' : '  MISSED';
  progress(`=> ${m.name}: ${m.value} ${m.unit} (baseline ${m.baseline ?? '-'}, ratio ${m.ratio ?? '-'})${verdict}`);
}

export function progress(line: string): void {
  const [one] = loadavg();
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)} load ${one?.toFixed(2)}] ${line}\n`);
}

/** Nearest-rank percentile (p in 0…100) of unsorted numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

export const median = (values: readonly number[]): number => percentile(values, 50);
