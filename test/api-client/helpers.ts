import { expect } from 'vitest';
import { ApiError, type ApiFailure } from '../../shared/api';
import { createApiClient, type ApiClient, type ApiClientConfig } from '../../electron/api-client';

/** The failure a promise rejected with; fails the test if it resolved or threw something else. */
export async function failureFrom(promise: Promise<unknown>): Promise<ApiFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).failure;
  }
  throw new Error('expected the call to fail');
}

export const remoteBase = 'https://gw.example.test/inst/APIGW';

export const clientSecret = 'planted-client-secret-5f3a9c';
export const apiKey = 'planted-api-key-8d1e77';

/** A client for unit tests: no real waiting, fixed jitter, every log line kept. */
export function unitClient(
  overrides: Partial<ApiClientConfig> & Pick<ApiClientConfig, 'fetch'>,
): { client: ApiClient; logs: string[]; delays: number[] } {
  const logs: string[] = [];
  const delays: number[] = [];
  const client = createApiClient({
    baseUrl: remoteBase,
    auth: { mode: 'oauth2', clientId: 'fieldbook-test' },
    secrets: async () => ({ clientSecret, apiKey }),
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
    random: () => 0.5,
    sleep: async (ms) => void delays.push(ms),
    log: (line) => logs.push(line),
    ...overrides,
  });
  return { client, logs, delays };
}

export const guid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
