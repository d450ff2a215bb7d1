import { describe, expect, it } from 'vitest';
import { fullUpdateBody, holdsPatch, mergeFields, sameValue } from '../../renderer/src/sync/merge';

// The three-way merge, field by field: base (what the user edited), theirs (the server now), yours (the patch).

describe('mergeFields', () => {
  const base = { email: 'a@x.se', phone: '1', city: 'Lund', note: null, tags: ['a'] };

  it.each([
    ['changed only locally → yours', { ...base }, { email: 'b@x.se' }, { email: 'b@x.se' }, []],
    ['changed only remotely → theirs (nothing to send)', { ...base, phone: '2' }, { email: 'a@x.se' }, {}, []],
    ['both to the same value → fine', { ...base, email: 'b@x.se' }, { email: 'b@x.se' }, {}, []],
    ['both to different values → conflict', { ...base, email: 'c@x.se' }, { email: 'b@x.se' }, {}, ['email']],
    ['different fields → both kept', { ...base, phone: '2' }, { email: 'b@x.se' }, { email: 'b@x.se' }, []],
    ['null base, set locally → yours', { ...base }, { note: 'hi' }, { note: 'hi' }, []],
    ['cleared remotely, changed locally → conflict', { ...base, city: null }, { city: 'Malmö' }, {}, ['city']],
    ['cleared on both sides → fine', { ...base, city: null }, { city: null }, {}, []],
    ['cleared locally only → yours (null)', { ...base }, { city: null }, { city: null }, []],
    ['absent and null are the same', { ...base, note: undefined }, { note: null }, {}, []],
    ['lists compare by content', { ...base, tags: ['a'] }, { tags: ['a', 'b'] }, { tags: ['a', 'b'] }, []],
    ['lists changed differently → conflict', { ...base, tags: ['c'] }, { tags: ['a', 'b'] }, {}, ['tags']],
  ] as const)('%s', (_, theirs, yours, resolved, conflicts) => {
    const outcome = mergeFields(base, theirs, yours);
    expect(outcome.resolved).toEqual(resolved);
    expect(outcome.conflicts.map((c) => c.field)).toEqual(conflicts);
  });

  it('records base, theirs and yours of a conflict', () => {
    expect(mergeFields(base, { ...base, email: 'c@x.se' }, { email: 'b@x.se' }).conflicts).toEqual([
      { field: 'email', base: 'a@x.se', theirs: 'c@x.se', yours: 'b@x.se' },
    ]);
  });

  it('without a base, anything that differs from the server is a conflict', () => {
    const outcome = mergeFields(null, { ...base }, { email: 'b@x.se', phone: '1' });
    expect(outcome.conflicts).toEqual([{ field: 'email', base: null, theirs: 'a@x.se', yours: 'b@x.se' }]);
    expect(outcome.resolved).toEqual({});
  });
});

describe('sameValue, fullUpdateBody, holdsPatch', () => {
  it('treats one instant written two ways as equal', () => {
    expect(sameValue('2026-01-02T09:00:00Z', '2026-01-02T09:00:00.000Z')).toBe(true);
    expect(sameValue('2026-01-02T09:00:00Z', '2026-01-02T09:00:01Z')).toBe(false);
    expect(sameValue('abc', 'abd')).toBe(false);
    expect(sameValue(0, null)).toBe(false);
    expect(sameValue({ a: 1, b: null }, { a: 1 })).toBe(true);
  });

  it('builds the full body from theirs and the resolved fields, update fields only', () => {
    const theirs = { email: 'c@x.se', phone: '2', fullName: 'Not updatable', regDate: '2020-01-01T00:00:00Z' };
    expect(fullUpdateBody(['email', 'phone', 'parentCustomer'], theirs, { email: 'b@x.se' })).toEqual({ email: 'b@x.se', phone: '2' });
  });

  it('tells whether the server already holds a patch', () => {
    expect(holdsPatch({ email: 'b@x.se', phone: '2' }, { email: 'b@x.se' })).toBe(true);
    expect(holdsPatch({ email: 'b@x.se' }, { email: 'b@x.se', phone: null })).toBe(true);
    expect(holdsPatch({ email: 'a@x.se' }, { email: 'b@x.se' })).toBe(false);
  });
});
