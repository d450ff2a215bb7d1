import { afterAll, afterEach, beforeAll } from 'vitest';
import { createApiClient, type ApiClient, type ApiClientConfig } from '../../electron/api-client';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/sandbox';

/*
 * One real sandbox per test file, over HTTP on 127.0.0.1, and clients for it whose every log
 * line is kept (tests read which operations succeeded, and check that no secret was logged).
 */

export interface SandboxClient {
  readonly client: ApiClient;
  readonly logs: string[];
  readonly delays: number[];
}

export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ customers: 50, ...options });
  });
  afterEach(() => {
    sandbox?.faults.reset();
    sandbox?.stats.reset();
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return () => {
    if (!sandbox) throw new Error('the sandbox has not started');
    return sandbox;
  };
}

/** A client of `sandbox` with its real credentials; sleeps are recorded and skipped. */
export function clientOf(sandbox: Sandbox, overrides: Partial<ApiClientConfig> = {}): SandboxClient {
  const logs: string[] = [];
  const delays: number[] = [];
  const client = createApiClient({
    baseUrl: sandbox.url,
    auth: { mode: 'oauth2', clientId: sandbox.credentials.clientId },
    secrets: async () => ({ clientSecret: sandbox.credentials.clientSecret, apiKey: sandbox.credentials.apiKey }),
    timeoutMs: 5_000,
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 },
    sleep: async (ms) => void delays.push(ms),
    log: (line) => logs.push(line),
    ...overrides,
  });
  return { client, logs, delays };
}

/** The operations that got a 2xx, read from the client's log lines. */
export function succeeded(logs: readonly string[]): Set<string> {
  const names = logs.map((line) => /^(?:GET|POST|PUT|DELETE) (\w+): HTTP 2\d\d\b/u.exec(line)?.[1]);
  return new Set(names.filter((n): n is string => n !== undefined));
}
