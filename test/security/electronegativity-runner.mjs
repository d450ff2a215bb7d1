/*
 * Runs Electronegativity (@doyensec/electronegativity) over several inputs, one SARIF file each,
 * for electronegativity.test.ts. A child process of its own, so its globals (i18n's __, winston)
 * stay out of the test worker. Three adjustments, all outside its package:
 *
 * - Offline: its CLI and runner fetch translations from GitHub on every start (1 s timeout each);
 *   here i18n is set up from the English file it ships. Its one check that downloads Electron's
 *   release list (AvailableSecurityFixesGlobalCheck) is excluded by the caller.
 * - .cjs and .mjs: it scans only .js/.jsx/.ts/.tsx/.html/.htm and package.json, which would skip
 *   the preload bundle (out/preload/index.cjs) and the build scripts.
 * - Class private fields (#x, in the Svelte runtime): its Babel fallback parser is asked for
 *   ESTree class features, which its traverser understands, instead of a node it cannot walk.
 *
 * Usage: node electronegativity-runner.mjs '{"electronVersion":"45.5.0","exclude":[…],"scans":[{"input":…,"include":[…],"output":…}]}'
 * Prints a JSON summary (per input: milliseconds, parse errors, findings count) on stdout.
 */
import { readdirSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const pkg = createRequire(require.resolve('@doyensec/electronegativity/package.json'));
const dist = (path) => pkg.resolve(`./dist/${path}`);

// 1. i18n without the network: the module the runner awaits, replaced before anything loads it.
const i18n = pkg('i18n');
function offlineI18n() {
  i18n.configure({
    locales: ['en-US'],
    defaultLocale: 'en-US',
    directory: dist('locales/en-US.json').replace(/en-US\.json$/u, ''),
    updateFiles: false,
    objectNotation: true,
    retryInDefaultLocale: true,
    register: globalThis,
  });
  i18n.setLocale('en-US');
  return Promise.resolve();
}
const i18nPath = dist('locales/i18n.js');
const stub = new Module(i18nPath);
stub.filename = i18nPath;
stub.loaded = true;
stub.exports = Object.assign(offlineI18n, { default: offlineI18n });
require.cache[i18nPath] = stub;

// 2. .cjs and .mjs are JavaScript too.
const types = pkg(dist('parser/types.js'));
types.sourceExtensions.cjs = types.sourceTypes.JAVASCRIPT;
types.sourceExtensions.mjs = types.sourceTypes.JAVASCRIPT;
const scanned = new Set(['js', 'jsx', 'ts', 'tsx', 'cjs', 'mjs', 'html', 'htm']);
function listFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else if (scanned.has(entry.name.split('.').pop()) || entry.name === 'package.json') files.push(path);
  }
  return files;
}
// A scan may name the entries of its input folder to look at (`include`): one app, several folders.
let include;
pkg(dist('util/index.js')).list_files = async (dir) => {
  const roots = include ? include.map((name) => join(dir, name)) : [dir];
  return roots.flatMap((root) => (statSync(root).isDirectory() ? listFiles(root) : [root])).sort();
};

// 3. ESTree class features for the Babel fallback.
const { Parser } = pkg(dist('parser/parser.js'));
const parseBabel = Parser.prototype.parseBabel;
Parser.prototype.parseBabel = function parseBabelWithClassFeatures(content) {
  this.babelPlugins = this.babelPlugins.map((plugin) => (plugin === 'estree' ? ['estree', { classFeatures: true }] : plugin));
  return parseBabel.call(this, content);
};

const run = pkg(dist('runner.js'));
const options = JSON.parse(process.argv[2] ?? '{}');
const summary = [];
for (const scan of options.scans ?? []) {
  include = scan.include;
  const started = Date.now();
  const result = await run({
    input: scan.input,
    output: scan.output,
    isSarif: true,
    customScan: [],
    excludeFromScan: options.exclude ?? [],
    isRelative: true,
    electronVersionOverride: options.electronVersion,
    parserPlugins: [],
  }, false);
  summary.push({ input: scan.input, ms: Date.now() - started, findings: result.issues.length, errors: result.errors });
}
process.stdout.write(`${JSON.stringify(summary)}\n`);
