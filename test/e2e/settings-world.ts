import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { createMainBridge, type MainBridge } from '../../electron/bridge';
import { createCredentialVault, type CredentialVault, type CredentialVaultOptions } from '../../electron/credentials';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import type { BridgeResult } from '../../shared/ipc';
import { fakeSafeStorage, missingKeytar } from '../credentials/fake-safe-storage';
import { installBridge } from '../support/bridge-harness';
import { launchBrowser, serveDir, type TestBrowser } from '../support/browser-page';
import { CUSTOMERS, rendererDir, SEED, WAIT_MS, type NetworkSwitch } from './harness';

/*
 * The journeys' world (harness.ts: the BUILT renderer in Debian's Chromium, the real main-process
 * services behind a Playwright binding, the Demo profile on a real sandbox over HTTP), with the
 * two things the Settings journeys need that openJourney does not offer: the vault's backends
 * chosen by the test (a Linux without any keyring), and journal.export's save dialog answered
 * with a file in a temp folder, as a user choosing where to save would.
 */

export interface SettingsWorld {
  readonly sandbox: Sandbox;
  readonly browser: TestBrowser;
  readonly main: MainBridge;
  readonly page: Page;
  /** Main's data folder (profiles.json, secrets, the vault's setting, journals). */
  readonly dataDir: string;
  /** Where the save dialog puts exported files. */
  readonly savedDir: string;
  readonly network: NetworkSwitch;
  /** Uncaught exceptions and console errors of the page. */
  readonly problems: string[];
  /** A second vault on main's data folder and backends: what main's vault holds, read past the bridge. */
  vault(): CredentialVault;
  /** Invokes a channel as the app's page would, for setting up what the journey is not about. */
  value<T>(channel: string, args?: unknown): Promise<T>;
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

const root = resolve(import.meta.dirname, '../..');

function refused(): Promise<never> {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), { code: 'ECONNREFUSED' });
  return Promise.reject(new TypeError('fetch failed', { cause }));
}

export async function openSettingsWorld(name: string, options: { vault?: Omit<CredentialVaultOptions, 'dataDir'> } = {}): Promise<SettingsWorld> {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first');
  const shots = join(root, 'test-results/e2e', name);
  await rm(shots, { recursive: true, force: true });
  await mkdir(shots, { recursive: true });

  const sandbox = await startSandbox({ customers: CUSTOMERS, seed: SEED, onError: (error) => console.error('sandbox:', error) });
  const browser = await launchBrowser();
  const server = await serveDir(rendererDir);
  const dataDir = await mkdtemp(join(tmpdir(), 'fieldbook-main-'));
  const savedDir = await mkdtemp(join(tmpdir(), 'fieldbook-saved-'));
  let offline = false;
  const shared: Sandbox = { ...sandbox, close: async () => undefined };
  const vaultOptions = options.vault ?? { platform: 'linux', loadKeytar: missingKeytar, safeStorage: fakeSafeStorage() };
  const main = createMainBridge({
    dataDir,
    app: () => ({ version: '0.1.0', platform: 'linux', locale: 'en-GB' }),
    allowedOrigins: [server.origin],
    vault: vaultOptions,
    session: {
      demo: { start: async () => shared },
      client: {
        timeoutMs: 10_000, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, sleep: async () => undefined,
        fetch: (input, init) => (offline ? refused() : fetch(input, init)),
      },
      connectivity: { onlineIntervalMs: 0, backoff: { baseDelayMs: 600_000, maxDelayMs: 600_000 } },
    },
    log: () => undefined,
    checkResults: true,
    chooseSavePath: async (defaultName) => join(savedDir, defaultName),
  });

  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !/favicon|Failed to load resource: the server responded with a status of 404/u.test(text)) problems.push(text);
  });
  page.on('pageerror', (error) => problems.push(error.stack ?? error.message));
  await page.addInitScript({ content: 'globalThis.__name ??= (target) => target;' });
  const installed = await installBridge(page, main.bridge, { origin: server.origin });
  await page.setViewportSize({ width: 1440, height: 1000 });
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(`${server.origin}/index.html`);

  let taken = 0;
  return {
    sandbox,
    browser,
    main,
    page,
    dataDir,
    savedDir,
    problems,
    network: {
      get isOffline() {
        return offline;
      },
      async goOffline() {
        offline = true;
        await main.session.check();
      },
      restore() {
        offline = false;
      },
    },
    vault: () => createCredentialVault({ ...vaultOptions, dataDir }),
    async value<T>(channel: string, args?: unknown) {
      const result = (await main.bridge.invoke(channel, args, { url: `${server.origin}/index.html` })) as BridgeResult<T>;
      if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.failure)}`);
      return result.value;
    },
    async shot(label) {
      taken += 1;
      await page.screenshot({ path: join(shots, `${String(taken).padStart(2, '0')}-${label}.png`) });
    },
    async close() {
      installed.dispose();
      await page.close().catch(() => undefined);
      await main.close();
      await server.close();
      await browser.close();
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(savedDir, { recursive: true, force: true });
    },
  };
}

/** The names of the IndexedDB databases the page's origin has, as the browser lists them. */
export function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((info) => info.name ?? '').sort());
}
