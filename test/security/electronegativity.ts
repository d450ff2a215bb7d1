import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/*
 * Runs Electronegativity through electronegativity-runner.mjs, reads its SARIF and matches the
 * findings against the allow-list. Electronegativity exits 0 whatever it finds, so the SARIF is
 * the only verdict.
 */

export interface Scan {
  readonly name: string;
  /** The folder Electronegativity loads as one app. */
  readonly input: string;
  /** Entries of `input` to scan (default: all of it). */
  readonly include?: readonly string[];
  /** Prepended to the SARIF's input-relative paths to make them repository-relative. */
  readonly prefix: string;
  readonly output: string;
}

export interface Finding {
  readonly rule: string;
  /** Repository-relative, '/'-separated; '' for an app-wide finding. */
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface ScanSummary {
  readonly input: string;
  readonly ms: number;
  readonly findings: number;
  readonly errors: ReadonlyArray<{ file: string; message: string; tolerable: boolean }>;
}

export interface AllowEntry {
  readonly rule: string;
  readonly file: string;
  readonly count: number;
  readonly reason: string;
}

const runner = join(import.meta.dirname, 'electronegativity-runner.mjs');
/** Excluded: downloads Electron's release list from GitHub (there is no network here). */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

export async function runElectronegativity(scans: readonly Scan[], electronVersion: string, cwd: string): Promise<ScanSummary[]> {
  const options = { electronVersion, exclude: EXCLUDED_CHECKS, scans: scans.map(({ input, include, output }) => ({ input, include, output })) };
  const { stdout } = await promisify(execFile)(process.execPath, [runner, JSON.stringify(options)], { cwd, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  const last = stdout.trim().split('\n').at(-1) ?? '[]';
  return JSON.parse(last) as ScanSummary[];
}

interface SarifLog {
  runs: Array<{
    results: Array<{
      ruleId: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    }>;
  }>;
}

export async function readSarif(scan: Scan): Promise<Finding[]> {
  const log = JSON.parse(await readFile(scan.output, 'utf8')) as SarifLog;
  return log.runs.flatMap((run) => run.results.map((result) => {
    const location = result.locations[0]?.physicalLocation;
    const uri = (location?.artifactLocation.uri ?? '').replace(/\\/gu, '/');
    // App-wide findings (e.g. "no CSP at all") carry the placeholder file:///.
    const file = uri === '' || uri.startsWith('file://') ? '' : `${scan.prefix}${uri.replace(/^\.\//u, '')}`;
    return { rule: result.ruleId, file, line: location?.region.startLine ?? 0, message: result.message.text };
  }));
}

/** '**' crosses folders, '*' and '?' stay within one; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i += 1;
      if (glob[i + 1] === '/') i += 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/gu, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

export interface AllowListVerdict {
  /** Findings no entry covers. */
  readonly unjustified: Finding[];
  /** Entries whose count differs from what was found (0 found: the entry is stale). */
  readonly miscounted: Array<AllowEntry & { found: number }>;
}

export function judge(findings: readonly Finding[], entries: readonly AllowEntry[]): AllowListVerdict {
  const matches = (entry: AllowEntry, finding: Finding) => entry.rule === finding.rule && globToRegExp(entry.file).test(finding.file);
  return {
    unjustified: findings.filter((finding) => !entries.some((entry) => matches(entry, finding))),
    miscounted: entries
      .map((entry) => ({ ...entry, found: findings.filter((finding) => matches(entry, finding)).length }))
      .filter((entry) => entry.found !== entry.count),
  };
}
