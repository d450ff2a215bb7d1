import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPath, routes, schemas } from '../../shared/api';
import { coverage, fixtureChildren, fixtureCustomer, uncovered, unknownGuid, useSandbox } from './helpers';

// Parameters and extra fields: children keyed by a case-insensitive name that is also a URL segment.
const ctx = useSandbox({ customers: 10 });
const customerGuid = 'c0ffee00-0000-4000-8000-000000000001';

beforeAll(() => {
  ctx.sandbox.store.insertCustomer(fixtureCustomer(customerGuid), {}, fixtureChildren());
});

describe('parameters', () => {
  it('lists parameters in the envelope, sorted by name by default', async () => {
    const reply = await ctx.client.call('listParameters', { customerGuid });
    expect(reply.status).toBe(200);
    const page = v.parse(schemas.listEnvelope(routes.listParameters.result), reply.body);
    expect(page.value.map((p) => p.name)).toEqual(['a/b c', 'Risk class']);
    expect((await ctx.client.call('listParameters', { customerGuid: unknownGuid })).status).toBe(404);
  });

  it('creates an array of parameters all or none, answering 201 with the first', async () => {
    const reply = await ctx.client.call('createParameters', { customerGuid }, {
      body: [{ name: 'Segment', type: 'string', value: 'SME' }, { name: 'Score', value: '700' }],
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ name: 'Segment', type: 'string', value: 'SME', href: null });
    expect(reply.headers.get('location')).toBe(ctx.sandbox.basePath + buildPath('getParameter', { customerGuid, name: 'Segment' }));

    // One taken name (in another case) rejects the whole array: 'Fresh' is not created either.
    const clash = await ctx.client.call('createParameters', { customerGuid }, { body: [{ name: 'Fresh' }, { name: 'risk CLASS' }] });
    expect(clash.status).toBe(409);
    expect((await ctx.client.call('getParameter', { customerGuid, name: 'Fresh' })).status).toBe(404);

    const invalid = await ctx.client.call('createParameters', { customerGuid }, { body: [{ name: '  ' }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toHaveProperty(['0.name']);
  });

  it('gets a parameter by name: case-insensitive, URL-encoded spaces and slashes', async () => {
    const reply = await ctx.client.call('getParameter', { customerGuid, name: 'A/B C' });
    expect(reply).toMatchObject({ status: 200, body: { name: 'a/b c', value: '1' } });
    expect((await ctx.client.call('getParameter', { customerGuid, name: 'missing' })).status).toBe(404);
  });

  it('updates with a one-item array whose name, if given, is the path name', async () => {
    const ok = await ctx.client.call('updateParameter', { customerGuid, name: 'risk class' }, { body: [{ value: 'C' }] });
    expect(ok.status).toBe(204);
    expect((await ctx.client.call('getParameter', { customerGuid, name: 'Risk class' })).body).toMatchObject({ value: 'C', type: 'string' });

    const rename = await ctx.client.call('updateParameter', { customerGuid, name: 'Risk class' }, { body: [{ name: 'Other', value: 'D' }] });
    expect(rename.status).toBe(400);
    expect(rename.body.errors).toHaveProperty(['0.name']);
    const two = await ctx.client.call('updateParameter', { customerGuid, name: 'Risk class' }, { body: [{ value: 'D' }, { value: 'E' }] });
    expect(two.status).toBe(400);
    const missing = await ctx.client.call('updateParameter', { customerGuid, name: 'nope' }, { body: [{ value: 'D' }] });
    expect(missing.status).toBe(404);
  });

  it('deletes a parameter, then 404', async () => {
    expect((await ctx.client.call('deleteParameter', { customerGuid, name: 'A/B C' })).status).toBe(204);
    expect((await ctx.client.call('deleteParameter', { customerGuid, name: 'a/b c' })).status).toBe(404);
  });
});

describe('extra fields', () => {
  it('lists extra fields, and 404 for an unknown customer', async () => {
    const reply = await ctx.client.call('listExtraFields', { customerGuid }, { query: { filter: "name eq 'tags'" } });
    expect(reply.body).toMatchObject({ count: 1, total: 1, value: [{ name: 'Tags', value: ['vip'] }] });
    expect((await ctx.client.call('listExtraFields', { customerGuid: unknownGuid })).status).toBe(404);
  });

  it('creates an extra field, 409 for a taken name, 400 for a bad value', async () => {
    const reply = await ctx.client.call('createExtraField', { customerGuid }, { body: { name: 'Hobbies / sports', value: ['golf', 'chess'] } });
    expect(reply).toMatchObject({ status: 201, body: { name: 'Hobbies / sports', value: ['golf', 'chess'] } });
    expect((await ctx.client.call('createExtraField', { customerGuid }, { body: { name: 'TAGS', value: [] } })).status).toBe(409);
    const bad = await ctx.client.call('createExtraField', { customerGuid }, { body: { name: 'X', value: 'not a list' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('value');
  });

  it('gets an extra field by an encoded name, 404 when missing', async () => {
    const reply = await ctx.client.call('getExtraField', { customerGuid, name: 'hobbies / SPORTS' });
    expect(reply).toMatchObject({ status: 200, body: { value: ['golf', 'chess'] } });
    expect((await ctx.client.call('getExtraField', { customerGuid, name: 'nope' })).status).toBe(404);
  });

  it('updates the values; a name in the body is not a field of the update', async () => {
    expect((await ctx.client.call('updateExtraField', { customerGuid, name: 'tags' }, { body: { value: ['vip', 'new'] } })).status).toBe(204);
    expect((await ctx.client.call('getExtraField', { customerGuid, name: 'Tags' })).body.value).toEqual(['vip', 'new']);
    const bad = await ctx.client.call('updateExtraField', { customerGuid, name: 'tags' }, { body: { name: 'x', value: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('name');
  });

  it('deletes an extra field, then 404', async () => {
    expect((await ctx.client.call('deleteExtraField', { customerGuid, name: 'Tags' })).status).toBe(204);
    expect((await ctx.client.call('deleteExtraField', { customerGuid, name: 'Tags' })).status).toBe(404);
  });

  it('exercised each of these operations with a success and a client error', () => {
    expect(uncovered(ctx.sandbox, coverage.named)).toEqual([]);
  });
});
