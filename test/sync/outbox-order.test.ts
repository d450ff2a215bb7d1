import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../renderer/src/cache/records';
import { dependenciesOf, readyChains, tally, waitReason } from '../../renderer/src/outbox/order';
import { entityKeyOf } from '../../renderer/src/outbox/keys';

// Which entries may go now: one record in order, children after their customer's create.

let seq = 0;
function entry(fields: Partial<OutboxEntry> & Pick<OutboxEntry, 'entity' | 'op' | 'customerGuid' | 'id'>): OutboxEntry {
  return {
    seq: ++seq, entityKey: entityKeyOf(fields.entity, fields.customerGuid, fields.id), body: {}, state: 'pending', attempts: 0,
    notBefore: 0, lastFailure: null, createdAt: '', updatedAt: '', ...fields,
  };
}

describe('readyChains and waitReason', () => {
  const a = 'aaaaaaaa-0000-4000-8000-000000000001';
  const b = 'bbbbbbbb-0000-4000-8000-000000000002';

  it('offers only the first entry of each record, and holds children until their customer exists', () => {
    const create = entry({ entity: 'customer', op: 'create', customerGuid: a, id: a });
    const update = entry({ entity: 'customer', op: 'update', customerGuid: a, id: a });
    const child = entry({ entity: 'address', op: 'create', customerGuid: a, id: 'local-1' });
    const other = entry({ entity: 'parameter', op: 'update', customerGuid: b, id: 'Risk' });
    const ready = readyChains([child, update, create, other], 0, new Set());
    expect(ready.map((chain) => chain.map((e) => e.seq))).toEqual([[create.seq, update.seq], [other.seq]]);
    expect(waitReason(child, dependenciesOf([create, child]), 0)).toBe('parent-create');
  });

  it('a customer delete waits for its children; a parent created offline holds its child customer', () => {
    const remove = entry({ entity: 'customer', op: 'delete', customerGuid: a, id: a });
    const inFlight = entry({ entity: 'address', op: 'update', customerGuid: a, id: 'x', state: 'sending' });
    expect(waitReason(remove, dependenciesOf([remove, inFlight]), 0)).toBe('children');
    const parent = entry({ entity: 'customer', op: 'create', customerGuid: b, id: b });
    const child = entry({ entity: 'customer', op: 'update', customerGuid: a, id: a, body: { parentCustomer: b.toUpperCase() } });
    expect(waitReason(child, dependenciesOf([parent, child]), 0)).toBe('parent-create');
  });

  it('conflicts and refusals wait for the user; back-off until notBefore; skipped records stay out', () => {
    const deferred = new Set<number>();
    const conflict = entry({ entity: 'customer', op: 'update', customerGuid: a, id: a, state: 'conflict' });
    const backing = entry({ entity: 'customer', op: 'update', customerGuid: b, id: b, notBefore: 1000 });
    expect(readyChains([conflict, backing], 999, new Set(), deferred)).toEqual([]);
    expect(deferred).toEqual(new Set([backing.seq]));
    expect(readyChains([conflict, backing], 1000, new Set())).toHaveLength(1);
    expect(readyChains([backing], 1000, new Set([backing.entityKey]))).toEqual([]);
    expect(tally([conflict, backing], 999, new Set())).toEqual({ retryLater: 1, remaining: 2, nextAttemptAt: 1000 });
  });

  it('names share one record whatever their case, so a delete and a re-create run in order', () => {
    expect(entityKeyOf('parameter', a, 'Risk Class')).toBe(entityKeyOf('parameter', a, 'risk class'));
  });
});
