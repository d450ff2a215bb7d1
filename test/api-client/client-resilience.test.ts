import { describe, expect, it } from 'vitest';
import { empty, fakeFetch, fetchError, json, problem, tokenGrant } from './fake-fetch';
import { apiKey, clientSecret, failureFrom, guid, unitClient } from './helpers';

/*
 * Retries, timeouts, connection failures, tokens and redaction against a scripted fetch. The
 * injected sleep records the delays asked for: nothing here waits or asserts wall-clock time.
 */

const ok = json(200, {});
const busy = (retryAfter: string) => problem(429, 'Too many requests', {}, { 'retry-after': retryAfter });
const hangs: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

describe('retries of reads', () => {
  it('waits out Retry-After in seconds, then succeeds', async () => {
    const fake = fakeFetch([busy('2'), ok]);
    const { client, delays } = unitClient({ fetch: fake.fetch });
    await expect(client.ops.ping({})).resolves.toEqual({});
    expect(delays).toEqual([2000]);
    expect(fake.apiRequests()).toHaveLength(2);
  });

  it('waits out Retry-After given as an HTTP date', async () => {
    const now = Date.parse('2025-03-01T10:00:00Z');
    const fake = fakeFetch([busy(new Date(now + 5000).toUTCString()), ok]);
    const { client, delays } = unitClient({ fetch: fake.fetch, now: () => now });
    await client.ops.ping({});
    expect(delays).toEqual([5000]);
  });

  it('does not wait out a Retry-After beyond maxRetryAfterMs: the caller gets rate-limited', async () => {
    const fake = fakeFetch([busy('3600')]);
    const { client, delays } = unitClient({ fetch: fake.fetch });
    expect(await failureFrom(client.ops.ping({}))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3_600_000 });
    expect(delays).toEqual([]);
  });

  it('backs off exponentially with jitter on 5xx and network errors, then gives up with server', async () => {
    const fake = fakeFetch([problem(503, 'down'), fetchError('ECONNRESET'), problem(502, 'down')]);
    const { client, delays } = unitClient({ fetch: fake.fetch, random: () => 0.5 });
    const failure = await failureFrom(client.ops.getCustomer({ guid: guid(1) }));
    expect(failure).toMatchObject({ kind: 'server', status: 502 });
    // random 0.5 of min(maxDelay, base * 2^n): 50, 100.
    expect(delays).toEqual([50, 100]);
    expect(fake.apiRequests()).toHaveLength(3);
  });

  it('retries a timed-out read, then reports timeout', async () => {
    const fake = fakeFetch([() => hangs('x')]);
    const { client, delays } = unitClient({ fetch: hangs, timeoutMs: 20, auth: { mode: 'apikey' } });
    expect(await failureFrom(client.ops.ping({}))).toMatchObject({ kind: 'timeout', operation: 'ping' });
    expect(delays).toHaveLength(2);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('writes are never retried', () => {
  it('a 5xx on a write is unknown-outcome', async () => {
    const fake = fakeFetch([problem(500, 'boom'), ok]);
    const failure = await failureFrom(unitClient({ fetch: fake.fetch }).client.ops.deleteCustomer({ customerGuid: guid(1) }));
    expect(failure).toMatchObject({ kind: 'unknown-outcome', status: 500 });
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it('a timeout on a write is unknown-outcome', async () => {
    const { client, delays } = unitClient({ fetch: hangs, timeoutMs: 20, auth: { mode: 'apikey' } });
    const failure = await failureFrom(client.ops.updateExtraField({ customerGuid: guid(1), name: 'x' }, { value: ['a'] }));
    expect(failure.kind).toBe('unknown-outcome');
    expect(delays).toEqual([]);
  });

  it('a dropped connection on a write is unknown-outcome, a refused one is network', async () => {
    const dropped = fakeFetch([fetchError('UND_ERR_SOCKET')]);
    const body = { name: 'x', value: ['a'] };
    expect((await failureFrom(unitClient({ fetch: dropped.fetch }).client.ops.createExtraField({ customerGuid: guid(1) }, body))).kind).toBe('unknown-outcome');
    const refused = fakeFetch([fetchError('ECONNREFUSED')]);
    expect((await failureFrom(unitClient({ fetch: refused.fetch }).client.ops.createExtraField({ customerGuid: guid(1) }, body))).kind).toBe('network');
    const dns = fakeFetch([fetchError('ENOTFOUND')]);
    expect((await failureFrom(unitClient({ fetch: dns.fetch }).client.ops.createExtraField({ customerGuid: guid(1) }, body))).kind).toBe('network');
    expect(refused.apiRequests()).toHaveLength(1);
  });

  it('a 429 on a write is rate-limited with retryAfterMs, not retried', async () => {
    const fake = fakeFetch([busy('7'), empty()]);
    const { client, delays } = unitClient({ fetch: fake.fetch });
    const failure = await failureFrom(client.ops.deleteAddress({ customerGuid: guid(1), addressGuid: guid(2) }));
    expect(failure).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    expect(delays).toEqual([]);
    expect(fake.apiRequests()).toHaveLength(1);
  });
});

describe('tokens', () => {
  it('concurrent callers share one token request', async () => {
    const fake = fakeFetch([ok]);
    const { client } = unitClient({ fetch: fake.fetch });
    await Promise.all(Array.from({ length: 8 }, () => client.ops.ping({})));
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(fake.apiRequests()).toHaveLength(8);
  });

  it('refreshes shortly before expiry (10% of a short lifetime)', async () => {
    let now = 1_000_000;
    let issued = 0;
    const fake = fakeFetch([ok], () => tokenGrant(`tok-${++issued}`, 100));
    const { client } = unitClient({ fetch: fake.fetch, now: () => now });
    await client.ops.ping({});
    now += 89_000;
    await client.ops.ping({});
    expect(fake.tokenRequests()).toHaveLength(1);
    now += 2_000; // 91 s of 100: inside the 10 s margin
    await client.ops.ping({});
    expect(fake.tokenRequests()).toHaveLength(2);
    expect(fake.apiRequests()[2]?.headers['authorization']).toBe('Bearer tok-2');
  });

  it('on a 401 fetches one new token and retries once, also for a write', async () => {
    let issued = 0;
    const fake = fakeFetch([problem(401, 'The access token has expired'), empty()], () => tokenGrant(`tok-${++issued}`));
    await unitClient({ fetch: fake.fetch }).client.ops.deleteCustomer({ customerGuid: guid(1) });
    expect(fake.apiRequests().map((r) => r.headers['authorization'])).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('a second 401 surfaces unauthorized; with an API key alone there is no retry', async () => {
    const fake = fakeFetch([problem(401, 'nope')]);
    expect((await failureFrom(unitClient({ fetch: fake.fetch }).client.ops.ping({}))).kind).toBe('unauthorized');
    expect(fake.apiRequests()).toHaveLength(2);
    expect(fake.tokenRequests()).toHaveLength(2);
    const key = fakeFetch([problem(401, 'The API key is not valid')]);
    expect((await failureFrom(unitClient({ fetch: key.fetch, auth: { mode: 'apikey' } }).client.ops.ping({}))).kind).toBe('unauthorized');
    expect(key.apiRequests()).toHaveLength(1);
  });

  it('a refused client is unauthorized with the OAuth error text', async () => {
    const fake = fakeFetch([ok], () => json(401, { error: 'invalid_client', error_description: 'Unknown client or wrong secret' }));
    const failure = await failureFrom(unitClient({ fetch: fake.fetch }).client.ops.ping({}));
    expect(failure.kind).toBe('unauthorized');
    expect(failure.message).toContain('invalid_client: Unknown client or wrong secret');
    expect(fake.apiRequests()).toHaveLength(0);
  });

  it('a missing secret is unauthorized without any request', async () => {
    const fake = fakeFetch([ok]);
    const { client } = unitClient({ fetch: fake.fetch, secrets: async () => ({}) });
    expect((await failureFrom(client.ops.ping({}))).kind).toBe('unauthorized');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('secrets stay secret', () => {
  it('never shows the secret, key or token in a failure or a log line, even when the server echoes them', async () => {
    const token = 'planted-token-0c4b2e91';
    const echo = `secret ${clientSecret}, key ${apiKey}, Bearer ${token}, client_secret=${encodeURIComponent(clientSecret)}`;
    const fake = fakeFetch(
      [problem(400, echo, { errors: { [apiKey]: [echo] } }), fetchError('ECONNREFUSED')],
      () => json(401, { error: 'invalid_client', error_description: echo }),
    );
    const { client, logs } = unitClient({ fetch: fake.fetch, auth: { mode: 'both', clientId: 'c' } });
    const tokenFailure = await failureFrom(client.ops.ping({}));

    const good = fakeFetch([problem(400, echo, { errors: { [apiKey]: [echo] } })], () => tokenGrant(token));
    const second = unitClient({ fetch: good.fetch, auth: { mode: 'both', clientId: 'c' } });
    const apiFailure = await failureFrom(second.client.ops.getCustomer({ guid: guid(1) }));

    const everything = JSON.stringify([tokenFailure, apiFailure, logs, second.logs]);
    for (const planted of [clientSecret, apiKey, token, encodeURIComponent(clientSecret)]) expect(everything).not.toContain(planted);
    expect(everything).toContain('[redacted]');
    expect(second.logs.length).toBeGreaterThan(0);
  });
});
