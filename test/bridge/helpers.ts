import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMainBridge, type MainBridge } from '../../electron/bridge';
import { DEFAULT_SECRETS_FILE, DEFAULT_VAULT_SETTINGS_FILE, type CredentialVaultOptions } from '../../electron/credentials';
import { DEFAULT_PROFILES_FILE } from '../../electron/profiles';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/sandbox';
import type { ClientTuning } from '../../electron/session';
import type { AppInfo, BridgeEvent, BridgeFailure, BridgeResult } from '../../shared/ipc';
import type { ProfileInput } from '../../shared/profiles';
import { fakeSafeStorage, missingKeytar } from '../credentials/fake-safe-storage';

/*
 * The whole main-process side (vault, profile store, session, bridge) in a temporary data
 * folder, as electron/main/ipc.ts assembles it: the vault uses its encrypted-file fallback with
 * a fake safeStorage, the Demo sandbox is real (few customers), and every log line and event is
 * kept so tests can look for secrets in them.
 */

export const appOrigin = 'app://fieldbook';
export const appPage = `${appOrigin}/index.html`;

export interface Harness {
  readonly main: MainBridge;
  readonly dir: string;
  readonly logs: string[];
  readonly events: BridgeEvent[];
  /** Invokes as the app's own page. */
  invoke(channel: string, args?: unknown): Promise<BridgeResult<unknown>>;
  /** Invokes and returns the value; throws with the failure when the call failed. */
  value<T = unknown>(channel: string, args?: unknown): Promise<T>;
  failure(channel: string, args?: unknown): Promise<BridgeFailure>;
  /** The demo sandbox, once the Demo profile has been used. */
  demo(): Sandbox | undefined;
  /** Bytes of everything the bridge could change: profiles.json, the secrets file, the vault's setting, the journals, the demo sandbox's counters. */
  state(): Promise<string>;
  /** Resolves with the first event (already received, or still to come) that matches. */
  waitFor(match: (event: BridgeEvent) => boolean, timeoutMs?: number): Promise<BridgeEvent>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly customers?: number;
  readonly client?: ClientTuning;
  readonly onlineIntervalMs?: number;
  /** Start the session as electron/main/ipc.ts does (default true): the Demo sandbox starts, and switches connect at once. */
  readonly start?: boolean;
  /** The pages allowed to call; default the app's own origin. */
  readonly origins?: readonly string[];
  readonly app?: () => AppInfo;
  /** Replaces the vault's backends (default: no keychain, the encrypted file with a fake safeStorage). */
  readonly vault?: Omit<CredentialVaultOptions, 'dataDir'>;
  /** journal.export's save dialog (default: the proposed name in the data folder). */
  readonly chooseSavePath?: (defaultName: string) => Promise<string | null>;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'fieldbook-bridge-'));
  const logs: string[] = [];
  const events: BridgeEvent[] = [];
  let demo: Sandbox | undefined;
  const start = async (sandboxOptions: SandboxOptions): Promise<Sandbox> => (demo = await startSandbox(sandboxOptions));
  const main = createMainBridge({
    dataDir: dir,
    app: options.app ?? (() => ({ version: '0.1.0', platform: 'linux', locale: 'sv-SE' })),
    allowedOrigins: options.origins ?? [appOrigin],
    vault: options.vault ?? { platform: 'linux', loadKeytar: missingKeytar, safeStorage: fakeSafeStorage() },
    session: {
      demo: { customers: options.customers ?? 20, start },
      client: { timeoutMs: 3_000, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 }, ...options.client },
      connectivity: { onlineIntervalMs: options.onlineIntervalMs ?? 0, backoff: { baseDelayMs: 50, maxDelayMs: 200 } },
    },
    log: (line) => logs.push(line),
    checkResults: true,
    chooseSavePath: options.chooseSavePath ?? (async (name) => join(dir, name)),
  });
  const waiters = new Set<() => void>();
  main.bridge.onEvent((event) => {
    events.push(event);
    for (const wake of waiters) wake();
  });

  if (options.start ?? true) await main.session.start();

  const invoke = (channel: string, args?: unknown) => main.bridge.invoke(channel, args, { url: appPage });
  const readOrMissing = (file: string) => readFile(join(dir, file), 'base64').catch(() => '(none)');

  return {
    main,
    dir,
    logs,
    events,
    invoke,
    async value<T>(channel: string, args?: unknown) {
      const result = await invoke(channel, args);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.failure)}`);
      return result.value as T;
    },
    async failure(channel: string, args?: unknown) {
      const result = await invoke(channel, args);
      if (result.ok) throw new Error(`${channel} succeeded: ${JSON.stringify(result.value)}`);
      return result.failure;
    },
    demo: () => demo,
    async state() {
      const stats = demo?.stats.get();
      const served = stats ? { received: stats.received, token: stats.token } : 'not started';
      const journalFiles = (await readdir(join(dir, 'journal')).catch(() => [] as string[])).sort();
      const journals = await Promise.all(journalFiles.map(async (file) => [file, await readOrMissing(join('journal', file))]));
      return JSON.stringify({
        profiles: await readOrMissing(DEFAULT_PROFILES_FILE), secrets: await readOrMissing(DEFAULT_SECRETS_FILE),
        vault: await readOrMissing(DEFAULT_VAULT_SETTINGS_FILE), journals, served,
      });
    },
    waitFor(match, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event in ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.name))}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async close() {
      await main.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A valid create form for an Aptic profile pointing at `baseUrl`. */
export const apticInput = (name: string, baseUrl = 'https://gw.example.com/APIGW', extra: Partial<ProfileInput> = {}): ProfileInput => ({
  name,
  kind: 'aptic',
  baseUrl,
  authMode: 'oauth2',
  clientId: 'fieldbook',
  ...extra,
});
