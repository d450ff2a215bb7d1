import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Sandbox } from '../../electron/sandbox';
import { bundlePage, launchBrowser, type BridgedPage, type PageBundle, type TestBrowser } from '../support/browser-page';
import { openBenchPage } from './bridge';
import { progress } from './report';

/*
 * The bench's browser side: one bundle folder holding BOTH the bench page (index.html +
 * page.js, bundled by the shared browser-page helper) and the real built UI (the renderer of
 * an electron-vite build, copied in as app.html + assets/). A bridged page (bridge.ts) serves that folder on its own loopback
 * origin, so the bench page can seed the very IndexedDB the app then opens (same origin, same
 * profile directory), and each sandbox gets an origin (and so a cache) of its own.
 */

const root = resolve(import.meta.dirname, '../..');
export const appPage = 'app.html';

export interface BenchEnv {
  readonly browser: TestBrowser;
  readonly bundle: PageBundle;
  /** Opens the bench page on a new origin whose bridge talks to `sandbox`. */
  open(sandbox: Sandbox): Promise<BridgedPage>;
  close(): Promise<void>;
}

/**
 * The real UI, built now: `electron-vite build --outDir <temp>`, the same build as `npm run
 * build` but into a folder of our own, so the figures are of the current sources and out/
 * (which other test runs read) is left alone. Returns the built renderer folder.
 */
async function buildUi(into: string): Promise<string> {
  progress('building the app (electron-vite build, into a temporary folder)…');
  await new Promise<void>((done, fail) => {
    const child = spawn(join(root, 'node_modules/.bin/electron-vite'), ['build', '--outDir', into], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`electron-vite build failed (${code}):\n${output}`))));
  });
  return join(into, 'renderer');
}

export interface EnvOptions {
  /** Startup and memory need the real UI. */
  withApp: boolean;
  /** The built UI to use as it is (e.g. out/renderer), instead of building one now. */
  rendererDir?: string | undefined;
}

export async function createBenchEnv(options: EnvOptions): Promise<BenchEnv> {
  progress('bundling the bench page (vite)…');
  const bundle = await bundlePage(resolve(import.meta.dirname, 'page/main.ts'), { title: 'Fieldbook bench' });
  if (options.withApp) {
    const built = await mkdtemp(join(tmpdir(), 'fieldbook-bench-build-'));
    try {
      const renderer = options.rendererDir ?? (await buildUi(built));
      await cp(join(renderer, 'assets'), join(bundle.dir, 'assets'), { recursive: true });
      await writeFile(join(bundle.dir, appPage), await readFile(join(renderer, 'index.html')));
      // The app's page has no icon link: Chromium asks for /favicon.ico (a 404 in the console).
      await writeFile(join(bundle.dir, 'favicon.ico'), '');
    } finally {
      await rm(built, { recursive: true, force: true });
    }
  }
  const browser = await launchBrowser();
  return {
    browser,
    bundle,
    async open(sandbox) {
      const app = await openBenchPage(browser, bundle.dir, sandbox);
      await app.page.waitForFunction(() => window.bench !== undefined);
      return app;
    },
    async close() {
      await browser.close();
      await bundle.dispose();
    },
  };
}
