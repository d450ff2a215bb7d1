import { describe, expect, it } from 'vitest';
import { startSandbox, type AuthMode } from '../../electron/sandbox';
import { Client, useSandbox } from './helpers';

// A fake clock: tokens expire when the test says so, not after a sleep.
let now = Date.parse('2026-01-01T00:00:00Z');
const ctx = useSandbox({ customers: 5, tokenLifetimeSeconds: 60, clock: () => now });

describe('the token endpoint', () => {
  it('issues a bearer token for client credentials in the form', async () => {
    const { clientId, clientSecret } = ctx.sandbox.credentials;
    const reply = await ctx.client.requestToken({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.body).toEqual({ access_token: expect.stringMatching(/^[\w-]{40,}$/u), token_type: 'Bearer', expires_in: 60 });
    expect((await ctx.client.call('ping', {}, { auth: { bearer: reply.body.access_token } })).status).toBe(200);
  });

  it('accepts the credentials as HTTP Basic', async () => {
    const { clientId, clientSecret } = ctx.sandbox.credentials;
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    const reply = await ctx.client.requestToken({ grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
    expect(reply.status).toBe(200);
  });

  it('answers RFC 6749 errors', async () => {
    const { clientId, clientSecret } = ctx.sandbox.credentials;
    const wrong = await ctx.client.requestToken({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'nope' });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const grant = await ctx.client.requestToken({ grant_type: 'password', client_id: clientId, client_secret: clientSecret });
    expect(grant).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    const missing = await ctx.client.requestToken({ client_id: clientId, client_secret: clientSecret });
    expect(missing).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const noSecret = await ctx.client.requestToken({ grant_type: 'client_credentials', client_id: clientId });
    expect(noSecret).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const scope = await ctx.client.requestToken({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'admin' });
    expect(scope).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    const json = await fetch(ctx.sandbox.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials' }) });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
    const get = await fetch(ctx.sandbox.tokenUrl);
    expect(get.status).toBe(405);
  });
});

describe('API credentials', () => {
  it('401 with a Bearer challenge when no credential is sent', async () => {
    const reply = await ctx.client.call('listCustomers', {}, { auth: 'none' });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer /u);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/u);
  });

  it('401 for an unknown token and a wrong API key', async () => {
    const token = await ctx.client.call('ping', {}, { auth: { bearer: 'made-up' } });
    expect(token.status).toBe(401);
    expect(token.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await ctx.client.call('ping', {}, { auth: { apiKey: 'wrong' } })).status).toBe(401);
  });

  it('accepts the API key alone (auth mode "either")', async () => {
    expect((await ctx.client.call('ping', {}, { auth: 'apikey' })).status).toBe(200);
  });

  it('401 once a token expires by its lifetime', async () => {
    const token = await ctx.client.login();
    expect((await ctx.client.call('ping', {}, { auth: { bearer: token } })).status).toBe(200);
    now += 61_000;
    const reply = await ctx.client.call('ping', {}, { auth: { bearer: token } });
    expect(reply.status).toBe(401);
    expect(reply.body.detail).toMatch(/expired/u);
  });

  it('401 for every token issued before the expireTokens fault, which is one-shot', async () => {
    const token = await ctx.client.login();
    const set = await ctx.client.admin('setFaults', { expireTokens: true });
    expect(set.body.expireTokens).toBe(false);
    expect((await ctx.client.call('ping', {}, { auth: { bearer: token } })).status).toBe(401);
    expect((await ctx.client.call('ping', {}, { auth: { bearer: await ctx.client.login() } })).status).toBe(200);
  });

  it('403 for writes with a readonly-scoped token; reads still work', async () => {
    const token = await ctx.client.login('readonly');
    expect((await ctx.client.call('listCustomers', {}, { auth: { bearer: token } })).status).toBe(200);
    const write = await ctx.client.call('createCustomer', {}, { auth: { bearer: token }, body: { fullName: 'Blocked AB' } });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ status: 403, title: 'Forbidden' });
    const total = (await ctx.client.call('listCustomers', {}, { auth: { bearer: token } })).body.total;
    expect(total).toBe(5);
  });
});

describe('auth modes', () => {
  async function statuses(mode: AuthMode): Promise<Record<string, number>> {
    const sandbox = await startSandbox({ customers: 1, auth: mode });
    try {
      const client = new Client(sandbox);
      const token = await client.login();
      const { apiKey } = sandbox.credentials;
      const [tokenOnly, keyOnly, both] = await Promise.all([
        client.call('ping', {}, { auth: { bearer: token } }),
        client.call('ping', {}, { auth: 'apikey' }),
        client.call('ping', {}, { auth: { bearer: token }, headers: { [sandbox.credentials.apiKeyHeader]: apiKey } }),
      ]);
      return { tokenOnly: tokenOnly.status, keyOnly: keyOnly.status, both: both.status };
    } finally {
      await sandbox.close();
    }
  }

  it.each([
    ['oauth2', { tokenOnly: 200, keyOnly: 401, both: 200 }],
    ['apikey', { tokenOnly: 401, keyOnly: 200, both: 200 }],
    ['either', { tokenOnly: 200, keyOnly: 200, both: 200 }],
    ['both', { tokenOnly: 401, keyOnly: 401, both: 200 }],
  ] as const)('%s', async (mode, expected) => {
    expect(await statuses(mode)).toEqual(expected);
  });

  it('uses custom credentials and API key header', async () => {
    const sandbox = await startSandbox({ customers: 1, credentials: { clientId: 'x', clientSecret: 'y', apiKey: 'z', apiKeyHeader: 'Ocp-Apim-Subscription-Key' } });
    try {
      const client = new Client(sandbox);
      expect((await client.call('ping', {}, { headers: { 'ocp-apim-subscription-key': 'z' }, auth: 'none' })).status).toBe(200);
      expect((await client.requestToken({ grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' })).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});
