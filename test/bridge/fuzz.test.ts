import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationNames, routes } from '../../shared/api';
import { checkPayload, invokeContract, type InvokeChannel } from '../../shared/ipc';
import type { ConnectionProfile } from '../../shared/profiles';
import { channels, malformedPayload, validCall, validPayloads } from './fuzz-payloads';
import { apticInput, createHarness, type Harness } from './helpers';

// The IPC fuzz test: thousands of malformed payloads on every channel. Each must come back as a
// typed 'invalid-request'; the process survives, Object.prototype stays clean, and nothing the
// bridge could change has changed: profiles.json, the secrets file, and (for api.call with a
// real operation but a bad body) the demo sandbox, which must not see a single request.

const runsPerChannel = 1000;
const protoNames = Object.getOwnPropertyNames(Object.prototype).sort();

let h: Harness;
let real: ConnectionProfile;
let before: string;

beforeAll(async () => {
  h = await createHarness({ customers: 3 });
  real = await h.value<ConnectionProfile>('profiles.create', { input: apticInput('Fuzz target') });
  await h.value('credentials.set', { profileId: real.id, kind: 'clientSecret', value: 'fuzz-secret-0001' });
  await h.value('api.call', { operation: 'ping', params: {} });
  await h.value('connectivity.check');
  before = await h.state();
  expect(h.demo()?.stats.get().received).toBeGreaterThan(0);
});

afterAll(async () => {
  await h.close();
});

function assertClean(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoNames);
  const probe: Record<string, unknown> = {};
  expect(probe['polluted']).toBeUndefined();
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
}

async function refused(channel: InvokeChannel, payload: unknown): Promise<void> {
  const result = await h.invoke(channel, payload);
  if (result.ok) throw new Error(`${channel} accepted a malformed payload`);
  expect(result.failure.kind).toBe('invalid-request');
  expect(typeof result.failure.message).toBe('string');
  assertClean();
}

describe('IPC fuzz', () => {
  it('starts from payloads the contract accepts', () => {
    const valid = validPayloads(real.id);
    for (const channel of channels) {
      for (const payload of valid[channel]) {
        const checked = checkPayload(invokeContract[channel].args, payload);
        expect(checked, `${channel} ${JSON.stringify(payload)}`).toMatchObject({ ok: true });
      }
    }
  });

  it.each(channels)('%s: every malformed payload gets a typed failure and changes nothing', async (channel) => {
    const valid = validPayloads(real.id)[channel];
    await fc.assert(fc.asyncProperty(malformedPayload(channel, valid), (payload) => refused(channel, payload)), { numRuns: runsPerChannel });
    expect(await h.state()).toBe(before);
  });

  it('api.call with a real operation and a fuzzed body: nothing reaches the server', async () => {
    const withBody = operationNames.filter((op) => 'body' in routes[op] && !['invokeService', 'invokeCustomerService'].includes(op));
    const badBody = fc.oneof(
      fc.integer(), fc.string({ maxLength: 50 }), fc.constant(null), fc.boolean(),
      // No body of the API has this field, so every object with it is refused, whatever else it holds.
      fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.anything()).map((extra) => ({ ...extra, notAField: 1 })),
      fc.record({ fullName: fc.oneof(fc.integer(), fc.array(fc.string()), fc.object({ maxDepth: 1 })) }),
    );
    const call = fc.tuple(fc.constantFrom(...withBody), badBody).map(([operation, body]) => ({ ...validCall(operation), body }));
    const served = h.demo()?.stats.get().received;
    await fc.assert(fc.asyncProperty(call, (payload) => refused('api.call', payload)), { numRuns: 2000 });
    expect(h.demo()?.stats.get().received).toBe(served);
    expect(await h.state()).toBe(before);
  });
});
