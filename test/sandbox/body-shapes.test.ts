import { describe, expect, it } from 'vitest';
import { buildPath, schemas, validate } from '../../shared/api';
import { useSandbox } from './helpers';

// Bodies of the wrong shape must be refused, not read as "change nothing" or as another path.
const ctx = useSandbox({ customers: 3 });

describe('request bodies and path segments', () => {
  it('refuses a list where an object body is expected, and changes nothing', async () => {
    const guid = ctx.sandbox.store.ordered()[0]?.key as string;
    const before = JSON.stringify(ctx.sandbox.store.record(guid)?.customer);
    const reply = await ctx.client.call('updateCustomer', { customerGuid: guid }, { body: [] });
    expect(reply.status).toBe(400);
    expect(reply.body.errors['']).toEqual(['Must be an object, not a list']);
    expect(JSON.stringify(ctx.sandbox.store.record(guid)?.customer)).toBe(before);
  });

  it("refuses '.' and '..' as names, because URL parsers collapse them into another path", () => {
    expect(() => buildPath('deleteParameter', { customerGuid: 'c', name: '..' })).toThrow(/cannot be '\.\.'/u);
    expect(() => buildPath('getExtraField', { customerGuid: 'c', name: '.' })).toThrow(/cannot be '\.'/u);
    const result = validate(schemas.extraFieldCreate, { name: '..', value: ['x'] });
    expect(result.ok).toBe(false);
    expect(buildPath('getParameter', { customerGuid: 'c', name: 'a/b c' })).toMatch(/\/a%2Fb%20c$/u);
  });
});
