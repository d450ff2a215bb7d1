import { describe, expect, it } from 'vitest';
import { buildPath, listQueryString, tokenPath } from '../../shared/api';
import { checkUrl } from '../../electron/api-client';
import { empty, fakeFetch, json, problem } from './fake-fetch';
import { apiKey, clientSecret, failureFrom, guid, remoteBase, unitClient } from './helpers';

/*
 * The client against a scripted fetch: request shape, classification, retries and redaction,
 * decided exactly (which a real server's timing would blur). test/api-client/sandbox-*.test.ts
 * prove the same against the real sandbox over HTTP.
 */

const customer = (n: number) => ({ customerGuid: guid(n), fullName: `Customer ${n}` });
const page = (items: unknown[]) => ({ count: items.length, skip: 0, total: items.length, value: items });

describe('requests', () => {
  it('builds the URL from the route table: encoded path parameters, list query, async flag', async () => {
    const fake = fakeFetch([json(200, { name: 'a b/c', type: 'string', value: '1', href: null })]);
    const { client } = unitClient({ fetch: fake.fetch });
    await client.ops.getParameter({ customerGuid: guid(1), name: 'a b/c' });
    expect(fake.apiRequests()[0]?.url).toBe(remoteBase + buildPath('getParameter', { customerGuid: guid(1), name: 'a b/c' }));

    const list = fakeFetch([json(200, page([customer(1)]))]);
    const query = { filter: "fullName eq 'O''Brien & Co'", orderby: 'fullName desc', skip: 10, top: 5 };
    await unitClient({ fetch: list.fetch }).client.call('listCustomers', {}, undefined, query);
    expect(list.apiRequests()[0]?.url).toBe(remoteBase + buildPath('listCustomers', {}) + listQueryString(query));

    const service = fakeFetch([json(200, { started: true })]);
    await unitClient({ fetch: service.fetch }).client.ops.invokeService({ serviceDefinition: 'recalc' }, { x: 1 }, { async: true });
    const sent = service.apiRequests()[0];
    expect(sent?.url).toBe(remoteBase + buildPath('invokeService', { serviceDefinition: 'recalc' }) + listQueryString({}, { async: 'true' }));
    expect(sent?.method).toBe('POST');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent?.body ?? '')).toEqual({ x: 1 });
  });

  it('refuses a body the route schema rejects, naming the field, without sending anything', async () => {
    const fake = fakeFetch([json(201, {})]);
    const { client } = unitClient({ fetch: fake.fetch });
    // @ts-expect-error: the type system already knows the account number is required
    const failure = await failureFrom(client.ops.createMandate({ customerGuid: guid(1) }, { directDebitMandateType: 1 }));
    expect(failure.kind).toBe('validation');
    expect(failure.fieldErrors).toHaveProperty('receivingBankAccountNo');
    expect(failure.message).toContain('receivingBankAccountNo');
    expect(fake.requests).toHaveLength(0);
  });

  it('sends the OAuth2 client-credentials form and the bearer token', async () => {
    const fake = fakeFetch([json(200, {})]);
    const { client } = unitClient({ fetch: fake.fetch, auth: { mode: 'oauth2', clientId: 'id 1', scope: 'customers' } });
    await client.ops.ping({});
    const [tokenRequest] = fake.tokenRequests();
    expect(tokenRequest?.url).toBe(remoteBase + tokenPath);
    expect(tokenRequest?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(tokenRequest?.body);
    expect(Object.fromEntries(form)).toEqual({ grant_type: 'client_credentials', client_id: 'id 1', client_secret: clientSecret, scope: 'customers' });
    expect(fake.apiRequests()[0]?.headers['authorization']).toBe('Bearer tok-1');
  });

  it('sends the API key in the configured header, and both credentials in mode both', async () => {
    const keyOnly = fakeFetch([json(200, {})]);
    await unitClient({ fetch: keyOnly.fetch, auth: { mode: 'apikey', apiKeyHeader: 'Ocp-Apim-Subscription-Key' } }).client.ops.ping({});
    expect(keyOnly.tokenRequests()).toHaveLength(0);
    expect(keyOnly.apiRequests()[0]?.headers).toMatchObject({ 'ocp-apim-subscription-key': apiKey });
    expect(keyOnly.apiRequests()[0]?.headers['authorization']).toBeUndefined();

    const both = fakeFetch([json(200, {})]);
    await unitClient({ fetch: both.fetch, auth: { mode: 'both', clientId: 'x' } }).client.ops.ping({});
    expect(both.apiRequests()[0]?.headers).toMatchObject({ 'x-api-key': apiKey, authorization: 'Bearer tok-1' });
  });
});

describe('https', () => {
  it.each(['http://127.0.0.1:4010/x', 'http://127.8.9.10', 'http://localhost:1', 'http://[::1]:8080/a', 'https://gw.example.test'])(
    'allows %s',
    (url) => expect(checkUrl('base URL', url)).toBeUndefined(),
  );

  it.each(['http://gw.example.test/APIGW', 'http://10.0.0.5', 'http://[::2]', 'http://localhost.evil.test', 'ftp://gw.example.test', 'https://u:p@gw.example.test', 'not a url'])(
    'refuses %s',
    (url) => expect(checkUrl('base URL', url)?.kind).toBe('insecure-url'),
  );

  it('fails every call with insecure-url before any request, for the base URL and for the token URL', async () => {
    const fake = fakeFetch([json(200, {})]);
    const base = unitClient({ fetch: fake.fetch, baseUrl: 'http://gw.example.test/APIGW' }).client;
    expect(await failureFrom(base.ops.ping({}))).toMatchObject({ kind: 'insecure-url', operation: 'ping' });
    const token = unitClient({ fetch: fake.fetch, tokenUrl: 'http://login.example.test/token' }).client;
    expect((await failureFrom(token.ops.ping({}))).kind).toBe('insecure-url');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('response parsing', () => {
  it('parses a page with the list envelope and names the field of an unexpected shape', async () => {
    const items = [customer(1), customer(2), customer(3), { customerGuid: 42 }];
    const fake = fakeFetch([json(200, page(items)), json(200, { count: 1, skip: 0, value: [customer(1)] })]);
    const { client } = unitClient({ fetch: fake.fetch });
    const failure = await failureFrom(client.ops.listCustomers({}));
    expect(failure.kind).toBe('bad-response');
    expect(failure.message).toContain('value.3.customerGuid: Invalid type: Expected string but received 42');
    // A missing field is named too (the envelope's `total` here).
    expect((await failureFrom(client.ops.listCustomers({}))).message).toContain('total: Invalid key');
  });

  it('reports a body that is not JSON, and a redirect, as bad-response', async () => {
    const html = fakeFetch([new Response('<html>Sign in to the Wi-Fi</html>', { status: 200 })]);
    expect((await failureFrom(unitClient({ fetch: html.fetch }).client.ops.ping({}))).kind).toBe('bad-response');
    const moved = fakeFetch([new Response(null, { status: 302, headers: { location: 'http://elsewhere.test/' } })]);
    expect(await failureFrom(unitClient({ fetch: moved.fetch }).client.ops.ping({}))).toMatchObject({ kind: 'bad-response', status: 302 });
  });

  it('returns undefined for a 204 and the parsed resource for a 201', async () => {
    const fake = fakeFetch([empty(204), json(201, customer(7))]);
    const { client } = unitClient({ fetch: fake.fetch });
    expect(await client.ops.deleteCustomer({ customerGuid: guid(7) })).toBeUndefined();
    const created = await client.ops.createCustomer({}, { fullName: 'Customer 7', customerGuid: guid(7) });
    expect(created.customerGuid).toBe(guid(7));
  });

  it.each<[number, Record<string, unknown>, string]>([
    [400, { errors: { email: ['Must be an e-mail address'] } }, 'validation'],
    [400, {}, 'bad-request'],
    [401, {}, 'unauthorized'],
    [403, {}, 'forbidden'],
    [404, {}, 'not-found'],
    [409, {}, 'conflict'],
    [415, {}, 'bad-request'],
  ])('maps a %i problem to its kind', async (status, extra, kind) => {
    const fake = fakeFetch([problem(status, 'as the server says', extra)]);
    const failure = await failureFrom(unitClient({ fetch: fake.fetch, auth: { mode: 'apikey' } }).client.ops.getCustomer({ guid: guid(1) }));
    expect(failure).toMatchObject({ kind, status, operation: 'getCustomer', problem: { detail: 'as the server says' } });
    if (kind === 'validation') expect(failure.fieldErrors).toEqual({ email: ['Must be an e-mail address'] });
  });
});
