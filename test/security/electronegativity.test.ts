import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  globToRegExp, judge, readSarif, runElectronegativity, type AllowEntry, type Finding, type Scan, type ScanSummary,
} from './electronegativity';

/*
 * Electronegativity over the sources (electron/ and renderer/ as one app, with package.json) and
 * over the build (out/: main, preload and renderer bundles; the renderer bundle is where the
 * .svelte components, which it cannot read, get scanned), plus a fixture with known problems that
 * proves it still finds them. Every finding must be justified in electronegativity-allowlist.json.
 */

const root = resolve(import.meta.dirname, '../..');
const allowList = JSON.parse(await readFile(join(import.meta.dirname, 'electronegativity-allowlist.json'), 'utf8')) as { entries: AllowEntry[] };
const electronVersion = (JSON.parse(await readFile(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

let work: string;
let scans: Record<'sources' | 'build' | 'fixture', Scan>;
let summaries: ScanSummary[];
let elapsed: number;
const findings: Record<string, Finding[]> = {};

beforeAll(async () => {
  if (!existsSync(join(root, 'out/main/index.js')) || !existsSync(join(root, 'out/preload/index.cjs')) || !existsSync(join(root, 'out/renderer/index.html'))) {
    throw new Error('out/ is not built: run `npx electron-vite build` (npm test does) before this test');
  }
  work = await mkdtemp(join(tmpdir(), 'fieldbook-electronegativity-'));
  const fixture = join(work, 'fixture');
  await mkdir(fixture);
  // An insecure window in a .cjs file, beside a class with private fields: both must be read.
  await writeFile(join(fixture, 'main.cjs'), [
    "const { BrowserWindow } = require('electron');",
    'class Holder { #secret = 1; get secret() { return this.#secret; } }',
    'const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false,',
    '  allowRunningInsecureContent: true, experimentalFeatures: true } });',
    "w.loadURL('http://example.com/');",
    'module.exports = { Holder, w };',
  ].join('\n'));
  scans = {
    sources: { name: 'sources', input: root, include: ['electron', 'renderer', 'package.json'], prefix: '', output: join(work, 'sources.sarif') },
    build: { name: 'build', input: join(root, 'out'), prefix: 'out/', output: join(work, 'build.sarif') },
    fixture: { name: 'fixture', input: fixture, prefix: 'fixture/', output: join(work, 'fixture.sarif') },
  };
  const started = Date.now();
  summaries = await runElectronegativity(Object.values(scans), electronVersion, root);
  elapsed = Date.now() - started;
  for (const scan of Object.values(scans)) findings[scan.name] = await readSarif(scan);
}, 150_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const describeFindings = (list: readonly Finding[]) => list.map((f) => `${f.rule} ${f.file || '(app-wide)'}:${f.line} ${f.message}`).join('\n');

describe('Electronegativity', () => {
  it(`runs offline on this Node (${process.version}) in well under a minute, and parses every file`, () => {
    expect(summaries.map((summary) => summary.input)).toEqual(Object.values(scans).map((scan) => scan.input));
    expect(elapsed).toBeLessThan(60_000);
    for (const summary of summaries) expect(summary.errors, summary.input).toEqual([]);
  });

  it('still finds the problems it exists for (a fixture with an insecure window)', () => {
    const rules = new Set(findings['fixture']!.map((finding) => finding.rule));
    for (const rule of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'INSECURE_CONTENT_JS_CHECK', 'EXPERIMENTAL_FEATURES_JS_CHECK',
      'HTTP_RESOURCES_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'CSP_GLOBAL_CHECK']) {
      expect(rules, rule).toContain(rule);
    }
    expect(findings['fixture']!.filter((finding) => finding.rule === 'SANDBOX_JS_CHECK').map((finding) => finding.file)).toEqual(['fixture/main.cjs']);
  });

  it('finds nothing in the sources or the build that the allow-list does not justify', () => {
    const all = [...findings['sources']!, ...findings['build']!];
    const { unjustified } = judge(all, allowList.entries);
    expect(unjustified, `unjustified findings:\n${describeFindings(unjustified)}`).toEqual([]);
  });

  it('has no stale allow-list entry: each matches exactly as many findings as it says', () => {
    const { miscounted } = judge([...findings['sources']!, ...findings['build']!], allowList.entries);
    expect(miscounted.map(({ rule, file, count, found }) => ({ rule, file, count, found }))).toEqual([]);
  });

  it('the sources pass the checks that matter most without any allow-list entry', () => {
    const must = ['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      'WEB_SECURITY_JS_CHECK', 'INSECURE_CONTENT_JS_CHECK', 'EXPERIMENTAL_FEATURES_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK', 'CUSTOM_ARGUMENTS_JS_CHECK', 'CUSTOM_ARGUMENTS_JSON_CHECK'];
    for (const scan of ['sources', 'build']) {
      expect(findings[scan]!.filter((finding) => must.includes(finding.rule)), scan).toEqual([]);
    }
    expect(allowList.entries.filter((entry) => must.includes(entry.rule))).toEqual([]);
  });
});

describe('the allow-list', () => {
  it('gives every entry a rule, a file glob, a count and a reason worth reading', () => {
    expect(allowList.entries.length).toBeGreaterThan(0);
    for (const entry of allowList.entries) {
      expect(entry.rule).toMatch(/^[A-Z0-9_]+_CHECK$/u);
      expect(entry.file.length).toBeGreaterThan(0);
      expect(Number.isInteger(entry.count) && entry.count > 0).toBe(true);
      expect(entry.reason.length, entry.rule).toBeGreaterThan(60);
    }
  });

  it('fails a finding no entry covers, and an entry whose count no longer matches', () => {
    const entry: AllowEntry = { rule: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main/*.ts', count: 1, reason: 'x' };
    const finding = (rule: string, file: string): Finding => ({ rule, file, line: 1, message: '' });
    expect(judge([finding('OPEN_EXTERNAL_JS_CHECK', 'electron/main/navigation.ts')], [entry])).toEqual({ unjustified: [], miscounted: [] });
    const verdict = judge([finding('OPEN_EXTERNAL_JS_CHECK', 'electron/main/navigation.ts'), finding('OPEN_EXTERNAL_JS_CHECK', 'electron/main/menu.ts'),
      finding('OPEN_EXTERNAL_JS_CHECK', 'electron/bridge/x.ts'), finding('SANDBOX_JS_CHECK', 'electron/main/window.ts')], [entry]);
    expect(verdict.unjustified.map((f) => `${f.rule} ${f.file}`)).toEqual(['OPEN_EXTERNAL_JS_CHECK electron/bridge/x.ts', 'SANDBOX_JS_CHECK electron/main/window.ts']);
    expect(verdict.miscounted).toEqual([{ ...entry, found: 2 }]);
    expect(judge([], [entry]).miscounted).toEqual([{ ...entry, found: 0 }]);
  });

  it('matches file globs the usual way', () => {
    expect(globToRegExp('out/main/index.js').test('out/main/index.js')).toBe(true);
    expect(globToRegExp('out/main/index.js').test('out/main/indexXjs')).toBe(false);
    expect(globToRegExp('electron/*.ts').test('electron/main/a.ts')).toBe(false);
    expect(globToRegExp('electron/**/*.ts').test('electron/main/a.ts')).toBe(true);
    expect(globToRegExp('**/index.html').test('renderer/index.html')).toBe(true);
    expect(globToRegExp('**/index.html').test('index.html')).toBe(true);
  });
});
