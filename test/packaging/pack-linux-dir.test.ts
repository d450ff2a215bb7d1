import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAsar, type AsarEntry } from './asar';
import { ELECTRON_DEFAULT_WIRE, readWires, writeFakeElectronBinary } from './fake-electron-binary';

/*
 * electron-builder run for real on this project's configuration, as `npm run dist` would, but for
 * an unpacked Linux folder (`--linux dir`) and with a stand-in Electron distribution (the real one
 * cannot be downloaded here), without the native rebuild (it needs Electron's headers). What it
 * proves: the files that go into app.asar, keytar unpacked beside it, and the afterPack hook
 * flipping the fuses inside electron-builder. Needs out/ (npm test builds first).
 */

const root = resolve(import.meta.dirname, '../..');
let work: string;
let appDir: string;
let entries: AsarEntry[];
let log = '';

beforeAll(async () => {
  if (!existsSync(join(root, 'out/main/index.js')) || !existsSync(join(root, 'out/renderer/index.html'))) {
    throw new Error('out/ is not built: run `npx electron-vite build` (npm test does) before this test');
  }
  work = await mkdtemp(join(tmpdir(), 'fieldbook-pack-'));
  const dist = join(work, 'electron-dist');
  await writeFakeElectronBinary(join(dist, 'electron'));
  await mkdir(join(dist, 'resources'));
  await mkdir(join(dist, 'locales'));
  for (const file of ['LICENSE', 'LICENSES.chromium.html']) await writeFile(join(dist, file), 'stand-in');
  await writeFile(join(dist, 'version'), '45.5.0');

  const cli = join(root, 'node_modules/electron-builder/cli.js');
  const output = join(work, 'release');
  const result = await promisify(execFile)(process.execPath, [
    cli, '--linux', 'dir', '--publish', 'never',
    `-c.electronDist=${dist}`, '-c.npmRebuild=false', `-c.directories.output=${output}`,
  ], { cwd: root, timeout: 150_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, CI: 'true' } });
  log = `${result.stdout}${result.stderr}`;
  appDir = join(output, 'linux-unpacked');
  entries = await listAsar(join(appDir, 'resources/app.asar'));
}, 180_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const packed = (path: string) => entries.find((entry) => entry.path === path);

describe('electron-builder on this configuration (Linux, unpacked)', () => {
  it('packs the built main, preload and renderer and package.json into app.asar', () => {
    for (const path of ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(packed(path), path).toMatchObject({ unpacked: false });
    }
    expect(entries.some((entry) => /^out\/renderer\/assets\/index-[\w-]+\.js$/u.test(entry.path))).toBe(true);
  });

  it('packs no sources, tests, configuration or development dependencies', () => {
    const offenders = entries.filter(({ path }) => !path.startsWith('node_modules/') && !path.startsWith('out/') && path !== 'package.json');
    expect(offenders).toEqual([]);
    expect(entries.filter(({ path }) => /\.(ts|svelte)$/u.test(path) && !path.endsWith('.d.ts'))).toEqual([]);
    for (const dev of ['electron', 'electron-builder', 'vitest', 'svelte', 'dexie', '@doyensec', 'typescript', 'vite']) {
      expect(entries.some(({ path }) => path.startsWith(`node_modules/${dev}/`)), dev).toBe(false);
    }
  });

  it('unpacks keytar, native addon included, next to app.asar', () => {
    const keytar = entries.filter(({ path }) => path.startsWith('node_modules/keytar/'));
    expect(keytar.length).toBeGreaterThan(0);
    expect(keytar.every((entry) => entry.unpacked)).toBe(true);
    expect(existsSync(join(appDir, 'resources/app.asar.unpacked/node_modules/keytar/build/Release/keytar.node'))).toBe(true);
    expect(existsSync(join(appDir, 'resources/app.asar.unpacked/node_modules/keytar/lib/keytar.js'))).toBe(true);
    // Nothing else leaves the archive.
    expect(entries.filter((entry) => entry.unpacked && !entry.path.startsWith('node_modules/keytar/'))).toEqual([]);
  });

  it('runs the afterPack hook, which flips the fuses of the packed binary', async () => {
    expect(log).toContain('fuses flipped');
    const wires = readWires(await readFile(join(appDir, 'fieldbook')));
    expect(wires).toHaveLength(1);
    expect(wires[0]).not.toBe(ELECTRON_DEFAULT_WIRE);
    expect(wires[0]!.slice(0, 8)).toBe('01001100');
  });

  it('ships the package.json that points Electron at the built main', async () => {
    const shipped = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(packed(shipped.main.replace(/^\.\//u, ''))).toBeDefined();
  });
});
