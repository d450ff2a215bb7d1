import { describe, expect, it } from 'vitest';
import { buildPath, operationNames } from '../../shared/api';
import { maxBodyBytes } from '../../electron/sandbox';
import { coverage, unknownGuid, useSandbox } from './helpers';

// HTTP-level behaviour shared by every operation: routing, bodies, content types.
const ctx = useSandbox({ customers: 5 });

async function get(url: string): Promise<Response> {
  return fetch(url, { headers: await ctx.client.authHeaders('apikey') });
}

describe('routing', () => {
  it('the operation test files together cover every operation of the route table', () => {
    const covered: string[] = Object.values(coverage).flat();
    expect([...covered].sort()).toEqual([...operationNames].sort());
    expect(operationNames).toHaveLength(36);
  });

  it('matches path literals and the base path case-insensitively', async () => {
    const url = (ctx.sandbox.url + buildPath('ping', {})).toUpperCase().replace('HTTP://', 'http://');
    expect((await get(url)).status).toBe(200);
  });

  it('404 problem for a path no operation has, inside or outside the base path', async () => {
    const inside = await get(`${ctx.sandbox.url}${buildPath('ping', {})}/extra/segments`);
    expect(inside.status).toBe(404);
    expect(inside.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await inside.json()).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404 });
    expect((await get(`${ctx.sandbox.origin}/elsewhere`)).status).toBe(404);
  });

  it('405 with Allow for a method the path does not take', async () => {
    const reply = await ctx.client.call('ping', {}, { method: 'POST', body: {} });
    expect(reply.status).toBe(405);
    // PUT and DELETE are allowed too: the path also reads as /customers/{customerGuid}.
    expect(reply.headers.get('allow')).toBe('GET, PUT, DELETE');
    const customers = await ctx.client.call('listCustomers', {}, { method: 'PATCH', body: {} });
    expect(customers.status).toBe(405);
    expect(customers.headers.get('allow')).toBe('GET, POST');
  });
});

describe('request bodies', () => {
  it('400 for malformed JSON', async () => {
    const reply = await ctx.client.call('createCustomer', {}, { rawBody: '{"fullName": ' });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toMatch(/not valid JSON/u);
  });

  it('400 naming the body when it is missing or of the wrong shape', async () => {
    const missing = await ctx.client.call('createCustomer', {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toHaveProperty(['']);
    const array = await ctx.client.call('createParameters', { customerGuid: unknownGuid }, { body: { name: 'not an array' } });
    expect(array.status).toBe(400);
  });

  it('415 for a body that is not JSON', async () => {
    const reply = await ctx.client.call('createCustomer', {}, { rawBody: 'fullName=x', headers: { 'content-type': 'text/plain' } });
    expect(reply.status).toBe(415);
  });

  it('413 for a body over 1 MB', async () => {
    const note = 'x'.repeat(maxBodyBytes);
    const reply = await ctx.client.call('createCustomer', {}, { body: { fullName: 'Big', note } });
    expect(reply.status).toBe(413);
    // The server is still fine afterwards.
    expect((await ctx.client.call('ping', {})).status).toBe(200);
  });

  it('answers JSON as application/json; charset=utf-8 and 204s without a body', async () => {
    const created = await ctx.client.call('createCustomer', {}, { body: { fullName: 'Åsa Öberg', juridicalType: 1 } });
    expect(created.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(created.body.fullName).toBe('Åsa Öberg');
    const res = await ctx.client.send('deleteCustomer', { customerGuid: created.body.customerGuid });
    expect(res.status).toBe(204);
    expect(res.headers.get('content-type')).toBeNull();
    expect(await res.text()).toBe('');
  });
});
