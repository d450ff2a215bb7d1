import fc from 'fast-check';
import { directDebitMandateType, operationNames, routes, type OperationName } from '../../shared/api';
import { invokeChannels, type InvokeChannel } from '../../shared/ipc';

/*
 * Generators of malformed bridge payloads. Each starts from a VALID payload of the channel and
 * applies one mutation that by construction makes it invalid (the fuzz test also checks the
 * starting payloads are valid, so a refusal is the mutation's doing). Mutations: the whole
 * payload replaced by a non-object, an unknown key, a required key dropped, a field of the wrong
 * type, a prototype key planted anywhere, deep nesting, very long lists, huge strings,
 * NaN/Infinity, and values JSON does not have (Date, Map, BigInt...).
 */

const guid = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

/** A body each operation accepts; `undefined` for those without one. */
const bodies: Partial<Record<OperationName, unknown>> = {
  createCustomer: { fullName: 'Fuzz Person' },
  updateCustomer: { email: 'fuzz@example.se' },
  createParameters: [{ name: 'Risk' }],
  updateParameter: [{ value: 'B' }],
  createAddress: { city: 'Umeå' },
  updateAddress: { city: 'Umeå' },
  createExtraField: { name: 'Tags', value: ['a'] },
  updateExtraField: { value: ['a'] },
  createMandate: { directDebitMandateType: directDebitMandateType.values[0], receivingBankAccountNo: '1234' },
  createCreditInsurance: { amount: 10 },
  updateCreditInsurance: { amount: 10 },
  respondToQuestion: { response: 'YES' },
  invokeCustomerService: { any: ['json', 1] },
  invokeService: { any: ['json', 1] },
};

export function validCall(operation: OperationName): Record<string, unknown> {
  const names = [...routes[operation].path.matchAll(/\{(\w+)\}/gu)].map((m) => m[1] as string);
  const body = bodies[operation];
  return { operation, params: Object.fromEntries(names.map((name) => [name, guid])), ...(body === undefined ? {} : { body }) };
}

/** Operations whose body is any JSON: only the JSON gate can refuse their bodies. */
const anyJsonBody = new Set<OperationName>(['invokeCustomerService', 'invokeService']);

/** An outbox entry as the journal keeps it. */
export function journalEntry(seq: number, customerGuid = guid): Record<string, unknown> {
  return {
    seq, entity: 'customer', op: 'update', customerGuid, id: customerGuid, entityKey: `customer:${customerGuid}`,
    body: { email: 'fuzz@example.se' }, state: 'pending', attempts: 0, notBefore: 0, lastFailure: null,
    createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', baseValues: { email: null },
  };
}

/** Keys a channel's payload may leave out: dropping one is no mutation. */
const optionalKeys: Partial<Record<InvokeChannel, readonly string[]>> = {
  'profiles.remove': ['confirmUnsynced'],
  'credentials.clear': ['confirmUnsynced'],
  'credentials.allowUnprotected': ['confirmRisk'],
  'journal.export': ['entries'],
};

export function validPayloads(profileId: string): Record<InvokeChannel, unknown[]> {
  const input = { name: 'Fuzz', kind: 'aptic', baseUrl: 'https://gw.example.com/APIGW', authMode: 'oauth2', clientId: 'c' };
  return {
    'app.info': [{}],
    'profiles.list': [{}],
    'profiles.create': [{ input }],
    'profiles.update': [{ id: profileId, input }],
    'profiles.remove': [{ id: profileId }, { id: profileId, confirmUnsynced: true }],
    'profiles.activate': [{ id: profileId }],
    'profiles.test': [{ id: 'demo' }],
    'credentials.status': [{ profileId }],
    'credentials.set': [{ profileId, kind: 'apiKey', value: 'fuzz-key-1' }],
    'credentials.clear': [{ profileId, kind: 'apiKey' }, { profileId, kind: 'apiKey', confirmUnsynced: false }],
    'credentials.allowUnprotected': [{ allow: false }, { allow: true, confirmRisk: true }],
    'api.call': operationNames.map(validCall),
    'connectivity.check': [{}],
    'journal.append': [{ profileId, records: [{ seq: 1, entry: journalEntry(1) }, { seq: 2, removed: true, reason: 'synced' }] }],
    'journal.read': [{ profileId }],
    'journal.export': [{ profileId }, { profileId, entries: [journalEntry(3)] }],
    'journal.clear': [{ profileId, confirm: true }],
  };
}

const huge = 'x'.repeat(1_100_000);
const longList = Array.from({ length: 25_000 }, () => 0);
const forbidden = fc.constantFrom('__proto__', 'constructor', 'prototype');

/** Values a JSON gate refuses wherever they are. */
const poisonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, huge, longList),
  fc.constantFrom(() => new Date(0), () => new Map([[1, 2]]), () => new Set([1]), () => new Uint8Array(3), () => 10n, () => /x/u,
    () => Symbol('s'), () => () => 1).map((make) => make()),
  fc.integer({ min: 25, max: 300 }).map((depth) => nest(depth)),
  forbidden.map((key) => withKey({}, key, 1)),
);

function nest(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { deeper: value };
  return value;
}

/** `target` plus an own key `key` (a plain assignment of `__proto__` would set the prototype instead). */
function withKey(target: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = Array.isArray(target) ? ({} as Record<string, unknown>) : { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const notObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(), fc.double(), fc.string({ maxLength: 20 }), fc.boolean(), fc.constant(null), fc.array(fc.anything(), { maxLength: 5 }), poisonValue,
);
const notString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }), poisonValue,
);

const objectKeys = new Set(['input', 'params', 'query']);
const listKeys = new Set(['records', 'entries']);

/** Never `true`: confirmations are true or absent. */
const notTrue: fc.Arbitrary<unknown> = fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.constant(null), fc.constant(false), fc.array(fc.boolean(), { maxLength: 2 }), poisonValue);
const notBoolean: fc.Arbitrary<unknown> = fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.constant(null), fc.array(fc.boolean(), { maxLength: 2 }), fc.object({ maxDepth: 1 }), poisonValue);
/** Never a non-empty list of records or entries. */
const notRecordList: fc.Arbitrary<unknown> = fc.oneof(
  notString.filter((value) => !Array.isArray(value)),
  fc.constant([]),
  fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.boolean()), { minLength: 1, maxLength: 3 }),
);

/** Wrong values for one field: strings where the field is an id, a kind, a secret or an operation can never be valid only when huge. */
const wrongFor = (key: string, payload: Record<string, unknown>): fc.Arbitrary<unknown> => {
  if (objectKeys.has(key)) return notObject;
  if (listKeys.has(key)) return notRecordList;
  if (key === 'confirm' || key === 'confirmRisk') return notTrue;
  if (key === 'confirmUnsynced' || key === 'allow') return notBoolean;
  if (key === 'body') {
    const operation = payload['operation'] as OperationName;
    if (anyJsonBody.has(operation)) return poisonValue;
    if (!('body' in routes[operation])) return fc.oneof(notObject, fc.object({ maxDepth: 1 }));
    return Array.isArray(bodies[operation]) ? fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.object({ maxDepth: 1 }), poisonValue) : notObject;
  }
  return notString;
};

const extraKeyName = (allowed: readonly string[]) =>
  fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), forbidden, fc.constant('x'.repeat(300))).filter((key) => !allowed.includes(key));

/** One malformed payload of `channel`, made from one of its valid payloads. */
export function malformedPayload(channel: InvokeChannel, valid: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.constantFrom(...valid).chain((base) => {
    const payload = base as Record<string, unknown>;
    const keys = Object.keys(payload);
    const optionalOf = optionalKeys[channel] ?? [];
    const allowed = channel === 'api.call' ? ['operation', 'params', 'body', 'query'] : [...new Set([...keys, ...optionalOf])];
    // A custom action's body may be left out (any JSON, undefined included); every other key given is required.
    const optional = channel === 'api.call' && anyJsonBody.has(payload['operation'] as OperationName) ? ['query', 'body'] : channel === 'api.call' ? ['query'] : optionalOf;
    const required = keys.filter((k) => !optional.includes(k));
    const presentOptional = keys.filter((k) => optional.includes(k) && channel !== 'api.call');
    const mutations: fc.Arbitrary<unknown>[] = [
      notObject,
      fc.tuple(extraKeyName(allowed), fc.anything()).map(([key, value]) => withKey(payload, key, value)),
      fc.constantFrom(...(allowed.length > 0 ? allowed : ['extra'])).chain((key) => poisonValue.map((value) => withKey(payload, key, value))),
      fc.tuple(fc.integer({ min: 25, max: 400 })).map(([depth]) => ({ ...payload, [keys[0] ?? 'extra']: nest(depth) })),
    ];
    if (required.length > 0) {
      mutations.push(fc.constantFrom(...required).map((key) => Object.fromEntries(Object.entries(payload).filter(([k]) => k !== key))));
      mutations.push(fc.constantFrom(...required).chain((key) => wrongFor(key, payload).map((value) => withKey(payload, key, value))));
    }
    if (presentOptional.length > 0) {
      // An optional key that is given must still be right.
      mutations.push(fc.constantFrom(...presentOptional).chain((key) => wrongFor(key, payload).map((value) => withKey(payload, key, value))));
    }
    const lists = keys.filter((k) => listKeys.has(k) && Array.isArray(payload[k]) && (payload[k] as unknown[]).length > 0);
    if (lists.length > 0) {
      // One item of records/entries broken: replaced, given an unknown key, or one of its fields poisoned.
      mutations.push(fc.tuple(fc.constantFrom(...lists), fc.nat({ max: 2 }), extraKeyName(['seq', 'entry', 'removed', 'reason', ...Object.keys(journalEntry(1)), 'knownIds']), fc.anything(), poisonValue)
        .map(([key, how, extra, anything, poison]) => {
          const items = [...(payload[key] as Record<string, unknown>[])];
          const first = items[0] as Record<string, unknown>;
          const field = Object.keys(first)[0] ?? 'seq';
          items[0] = (how === 0 ? poison : how === 1 ? withKey(first, extra, anything) : withKey(first, field, poison)) as Record<string, unknown>;
          return { ...payload, [key]: items };
        }));
    }
    const nested = keys.filter((k) => typeof payload[k] === 'object' && payload[k] !== null && !Array.isArray(payload[k]));
    if (nested.length > 0) {
      // A prototype key or a poisoned value one level down (inside input, params, body or query).
      mutations.push(fc.tuple(fc.constantFrom(...nested), fc.oneof(forbidden, fc.string({ minLength: 1, maxLength: 10 })), poisonValue, fc.boolean())
        .map(([key, inner, value, asKey]) => withKey(payload, key, asKey
          ? withKey(payload[key] as object, forbiddenName(inner), 1)
          : withKey(payload[key] as object, inner, value))));
    }
    return fc.oneof(...mutations);
  });
}

const forbiddenName = (candidate: string): string => (['__proto__', 'constructor', 'prototype'].includes(candidate) ? candidate : '__proto__');

export const channels: readonly InvokeChannel[] = invokeChannels;
