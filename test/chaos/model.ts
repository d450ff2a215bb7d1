import type { Sandbox, Tenant } from '../../electron/sandbox';
import { composeAddress } from '../../electron/sandbox/handlers/addresses';
import { schemas } from '../../shared/api';
import { specs } from '../../renderer/src/outbox/entities';
import { entityKeyOf } from '../../renderer/src/outbox/keys';
import { holdsPatch, sameValue } from '../../renderer/src/sync/merge';
import type { Row } from './protocol';

/*
 * The chaos test's MODEL: what the server must end up holding, computed in Node without the
 * code under test. A round starts from the server's state (which the previous round proved
 * right); the user's offline writes are folded into one queue per record by the outbox's
 * documented rules (create folds updates in, delete of a never-sent create removes it, a
 * patch holds only what differs from what the user saw); the other client's edits are read
 * from the server as it stands at reconnect; and each record's queue is then played against
 * that state the way the sync engine promises to: three-way merge per field (changed on one
 * side only: that side wins; both changed differently: a conflict the user settles with
 * base/theirs/yours), the server's refusals (tenant rules, deleted records, taken names) as
 * needs-attention entries that stop their record's queue, and children of a refused customer
 * create left waiting. Nothing else may happen: no lost write, no duplicate, no overwrite.
 */

export type Kind = 'customer' | 'address' | 'parameter' | 'extraField' | 'mandate' | 'creditInsurance' | 'question';
export type ChildKind = Exclude<Kind, 'customer'>;
export const childKinds: readonly ChildKind[] = ['address', 'parameter', 'extraField', 'mandate', 'creditInsurance', 'question'];

export const idFieldOf: Readonly<Record<Kind, string>> = {
  customer: 'customerGuid', address: 'addressGuid', parameter: 'name', extraField: 'name',
  mandate: 'mandateGuid', creditInsurance: 'insuranceGuid', question: 'actionGuid',
};
const named = (kind: Kind): boolean => kind === 'parameter' || kind === 'extraField';
export const updateFieldsOf = (kind: Kind): readonly string[] => specs[kind].updateFields;

// ---------------------------------------------------------------------------------------------
// The server's state, as plain records
// ---------------------------------------------------------------------------------------------

export interface ServerCustomer {
  /** The customer without `addresses` (those are in children.address). */
  customer: Row;
  children: Record<ChildKind, Row[]>;
}
/** By lower-cased customer GUID. */
export type ServerState = Map<string, ServerCustomer>;

export const lower = (s: string): string => s.toLowerCase();

/** Everything the sandbox holds that the outbox can change, deep-copied. */
export function readServer(sandbox: Sandbox): ServerState {
  const state: ServerState = new Map();
  for (const record of sandbox.store.ordered()) {
    const children = sandbox.store.children(record);
    const { addresses, ...customer } = structuredClone(record.customer);
    state.set(lower(record.customer.customerGuid), {
      customer,
      children: structuredClone({
        address: (addresses ?? []) as Row[],
        parameter: children.parameters as Row[],
        extraField: children.extraFields as Row[],
        mandate: children.mandates as Row[],
        creditInsurance: children.creditInsurances as Row[],
        question: children.questions as Row[],
      }),
    });
  }
  return state;
}

export function cloneState(state: ServerState): ServerState {
  return new Map([...state].map(([key, value]) => [key, structuredClone(value)]));
}

/** The index of a child in a list by its key (names case-insensitively, as the server compares them). */
export function findChild(kind: ChildKind, items: readonly Row[], id: string): number {
  const field = idFieldOf[kind];
  return items.findIndex((item) => typeof item[field] === 'string' && lower(item[field] as string) === lower(id));
}

// ---------------------------------------------------------------------------------------------
// Records the server builds from a create
// ---------------------------------------------------------------------------------------------

const fieldsOf = (schema: { entries: Record<string, unknown> }): string[] => Object.keys(schema.entries);
const project = (schema: { entries: Record<string, unknown> }, values: Row): Row =>
  Object.fromEntries(fieldsOf(schema).map((field) => [field, values[field] ?? null]));

export const NEW = '<new>';

export function serverAddress(body: Row, extra: Row = {}): Row {
  const address = project(schemas.address, { ...body, ...extra });
  address['addressGuid'] = NEW;
  address['fullAddress'] = typeof body['fullAddress'] === 'string' && body['fullAddress'].trim()
    ? body['fullAddress']
    : composeAddress(address as Parameters<typeof composeAddress>[0]);
  address['validatedAt'] = null;
  address['validOverride'] = null;
  return address;
}

export function serverCustomer(body: Row): ServerCustomer {
  const customer = project(schemas.customer, body);
  const given = typeof body['fullName'] === 'string' ? body['fullName'].trim() : '';
  customer['fullName'] = given ? body['fullName'] : schemas.derivedFullName(body);
  delete customer['addresses'];
  const hasAddress = schemas.mainAddressFields.some((field) => body[field] != null && body[field] !== '');
  return {
    customer,
    children: {
      address: hasAddress ? [serverAddress(body, { addressType: 'LEGAL', defaultAddress: true, fullName: null })] : [],
      parameter: [], extraField: [], mandate: [], creditInsurance: [], question: [],
    },
  };
}

export function serverChild(kind: ChildKind, body: Row, tenant: Tenant): Row {
  switch (kind) {
    case 'address':
      return serverAddress(body);
    case 'parameter':
      return { name: body['name'], type: body['type'] ?? null, value: body['value'] ?? null, href: body['href'] ?? null };
    case 'extraField':
      return { name: body['name'], value: body['value'] ?? null };
    case 'mandate':
      return {
        ...project(schemas.mandate, body), mandateGuid: NEW, bankAccountNo: body['sendingBankAccountNo'] ?? null, closedAt: null, links: null,
      };
    case 'creditInsurance':
      return {
        ...project(schemas.creditInsurance, body), insuranceGuid: NEW, insuranceDate: null, links: null,
        insuranceCompanyName: tenant.insuranceCompanies[body['insuranceCompanyReferenceCode'] as string] ?? null,
      };
    case 'question':
      throw new Error('questions are not created');
  }
}

// ---------------------------------------------------------------------------------------------
// The tenant's refusals (what the schemas cannot know)
// ---------------------------------------------------------------------------------------------

const badChannel = (t: Tenant, v: unknown) => v != null && !t.channels.includes(v as string);
const badCurrency = (t: Tenant, v: unknown) => v != null && !t.currencies.includes(v as string);

/** Why the server refuses a body it receives in full (a create, or an update's full body), or null. */
export function refusal(kind: Kind, op: 'create' | 'update', body: Row, tenant: Tenant): string | null {
  if (kind === 'customer') {
    if (badChannel(tenant, body['preferredChannel']) || badChannel(tenant, body['invoiceChannel'])) return 'channel';
    if (badCurrency(tenant, body['currencyCode'])) return 'currency';
  }
  if (kind === 'creditInsurance') {
    const code = body['insuranceCompanyReferenceCode'];
    if (op === 'create' && (code == null || !Object.hasOwn(tenant.insuranceCompanies, code as string))) return 'insurer';
    if (badCurrency(tenant, body['currencyCode'])) return 'currency';
  }
  return null;
}

/** Why the server refuses an answer to `question`, or null. */
export function answerRefusal(question: Row, answer: Row): string | null {
  if (answer['response'] && answer['postponeTo']) return 'both';
  if (answer['response']) {
    const offered = ((question['responses'] ?? []) as { code: string }[]).map((r) => r.code);
    return offered.includes(answer['response'] as string) ? null : 'response';
  }
  if (answer['postponeTo'] && question['allowPostpone'] !== true) return 'postpone';
  return null;
}

// ---------------------------------------------------------------------------------------------
// The user's side: one record's queue, folded as the outbox folds it
// ---------------------------------------------------------------------------------------------

export type Op = 'create' | 'update' | 'delete' | 'respond';
export interface MEntry {
  op: Op;
  body: Row | null;
}

export interface MRec {
  kind: Kind;
  customerGuid: string;
  /** The id the page knows the record by: server GUID, local id (created offline), name, actionGuid. */
  id: string;
  /** The server's record when the round began (null: created in this round). */
  start: Row | null;
  /** What the user sees now (null: deleted, or never existed). For a create, the fields typed. */
  local: Row | null;
  /** Its queued entries, oldest first. */
  chain: MEntry[];
  /** Op-log numbers of the user's writes to it (for the "nothing vanished" tally). */
  ops: number[];
  /** The user agreed to discard its queued changes (deleting its customer). */
  discarded: boolean;
  /** The local id the UI still holds for it (created offline in an earlier round), if the test uses that. */
  alias?: string;
}

export interface MCustomer {
  guid: string;
  rec: MRec;
  /** Its children are in the page's cache (detail downloaded, or created offline). */
  detail: boolean;
  /** By `kind:id` (names lower-cased). */
  children: Map<string, MRec>;
}

export const childKey = (kind: ChildKind, id: string): string => `${kind}:${named(kind) ? lower(id) : id}`;

export const keyOfRec = (rec: Pick<MRec, 'kind' | 'customerGuid' | 'id'>): string => entityKeyOf(rec.kind, rec.customerGuid, rec.id);

/** Fields of `local` that differ from `start`, over the kind's update fields: an update's patch. */
export function patchOf(kind: Kind, start: Row, local: Row): Row {
  const patch: Row = {};
  for (const field of updateFieldsOf(kind)) if (!sameValue(start[field], local[field])) patch[field] = local[field] ?? null;
  return patch;
}

export function newRec(kind: Kind, customerGuid: string, id: string, start: Row | null): MRec {
  return { kind, customerGuid, id, start, local: start ? structuredClone(start) : null, chain: [], ops: [], discarded: false };
}

/** An update the user made (already accepted by the page): fold it into the record's queue. */
export function foldUpdate(rec: MRec, changes: Row): void {
  if (!rec.local) throw new Error(`model: update of a record that is gone (${keyOfRec(rec)})`);
  rec.local = { ...rec.local, ...changes };
  const last = rec.chain.at(-1);
  if (last?.op === 'create') {
    last.body = { ...last.body, ...changes };
    return;
  }
  const patch = patchOf(rec.kind, rec.start ?? {}, rec.local);
  if (last?.op === 'update') {
    if (Object.keys(patch).length) last.body = patch;
    else rec.chain.pop();
  } else if (Object.keys(patch).length) {
    rec.chain.push({ op: 'update', body: patch });
  }
}

export function foldCreate(rec: MRec, body: Row): void {
  rec.local = structuredClone(body);
  rec.chain.push({ op: 'create', body: structuredClone(body) });
}

export function foldDelete(rec: MRec): void {
  rec.local = null;
  if (rec.chain[0]?.op === 'create') {
    rec.chain = [];
    return;
  }
  while (rec.chain.at(-1)?.op === 'update') rec.chain.pop();
  rec.chain.push({ op: 'delete', body: null });
}

export function foldRespond(rec: MRec, answer: Row): void {
  if (!rec.local || !rec.start) throw new Error('model: answer to a question that is gone');
  // A later answer replaces one not yet sent: what is shown is the server's question with the last one.
  const start = structuredClone(rec.start);
  rec.local = answer['response'] ? { ...start, answeredLocally: true } : { ...start, processAt: answer['postponeTo'] ?? start['processAt'] };
  const last = rec.chain.at(-1);
  if (last?.op === 'respond') last.body = structuredClone(answer);
  else rec.chain.push({ op: 'respond', body: structuredClone(answer) });
}

// ---------------------------------------------------------------------------------------------
// Playing the queues against the server, as the sync engine must
// ---------------------------------------------------------------------------------------------

export type Choice = 'base' | 'theirs' | 'yours';

export interface PredictedConflict {
  key: string;
  rec: MRec;
  fields: { field: string; base: unknown; theirs: unknown; yours: unknown }[];
}

export interface Leftover {
  key: string;
  op: Op;
  /** 'attention' for the entry the server refused; 'pending' for those waiting behind it or for a refused parent. */
  state: 'attention' | 'pending';
  why: string;
  rec: MRec;
}

export interface Outcome {
  /** What the server must hold. */
  state: ServerState;
  conflicts: PredictedConflict[];
  leftovers: Leftover[];
  /** Creates that must reach the server (each once), per kind. */
  creates: Partial<Record<Kind, number>>;
}

export interface Play {
  recs: MCustomer[];
  tenant: Tenant;
  /** Conflict choices made so far, by entity key (none yet: conflicts stay open). */
  choices: ReadonlyMap<string, Record<string, Choice>>;
  /** Entries the server refused for a tenant rule that the user then edited (editEntry) with `fixTenantValues`. */
  fixed?: ReadonlySet<string>;
}

/** What a user does with a value the tenant refused: picks one it takes. */
export function fixTenantValues(body: Row): Row {
  const fixes: Row = { FAX: 'EMAIL', PIGEON: 'SMS', USD: 'SEK', LLOYDS: 'COFACE' };
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' && v in fixes ? fixes[v] : v]));
}

/** Plays every queue against `remote` (the server at reconnect). Pure: `remote` is not changed. */
export function play(remote: ServerState, { recs, tenant, choices, fixed = new Set() }: Play): Outcome {
  const state = cloneState(remote);
  const out: Outcome = { state, conflicts: [], leftovers: [], creates: {} };
  const created = (kind: Kind) => void (out.creates[kind] = (out.creates[kind] ?? 0) + 1);
  const stop = (rec: MRec, from: number, why: string, attentionAt: boolean) => {
    rec.chain.slice(from).forEach((entry, i) => {
      out.leftovers.push({ key: keyOfRec(rec), op: entry.op, state: attentionAt && i === 0 ? 'attention' : 'pending', why, rec });
    });
  };

  for (const cust of recs) {
    const { rec } = cust;
    const g = lower(cust.guid);
    let server = state.get(g);
    let blockedChildren: string | null = null;

    // The customer's own queue.
    for (let i = 0; i < rec.chain.length; i++) {
      const entry = rec.chain[i] as MEntry;
      if (entry.op === 'create') {
        let body = entry.body ?? {};
        if (refusal('customer', 'create', body, tenant) && fixed.has(keyOfRec(rec))) body = fixTenantValues(body);
        const why = refusal('customer', 'create', body, tenant);
        if (why) {
          stop(rec, i, `create refused: ${why}`, true);
          blockedChildren = 'its customer\'s create was refused';
          break;
        }
        server = serverCustomer(body);
        state.set(g, server);
        created('customer');
      } else if (entry.op === 'update') {
        if (!server) {
          stop(rec, i, 'deleted on the server', true);
          break;
        }
        const result = mergeUpdate(out, rec, rec.start ?? {}, server.customer, entry.body ?? {}, choices, tenant, fixed);
        if (result === 'stop') {
          stop(rec, i, 'update refused', true);
          break;
        }
        if (result === 'conflict') {
          stop(rec, i, 'conflict', false);
          break;
        }
        server.customer = result;
      } else if (entry.op === 'delete') {
        state.delete(g);
        server = undefined;
      }
    }

    for (const child of cust.children.values()) {
      if (blockedChildren) {
        stop(child, 0, blockedChildren, false);
        continue;
      }
      playChild(out, child, server, tenant, choices, fixed, created, stop);
    }
  }
  return out;
}

type Stop = (rec: MRec, from: number, why: string, attentionAt: boolean) => void;

function playChild(
  out: Outcome,
  rec: MRec,
  server: ServerCustomer | undefined,
  tenant: Tenant,
  choices: Play['choices'],
  fixed: ReadonlySet<string>,
  created: (kind: Kind) => void,
  stop: Stop,
): void {
  const kind = rec.kind as ChildKind;
  for (let i = 0; i < rec.chain.length; i++) {
    const entry = rec.chain[i] as MEntry;
    let body = entry.body ?? {};
    if (entry.op === 'create' && refusal(kind, 'create', body, tenant) && fixed.has(keyOfRec(rec))) body = fixTenantValues(body);
    if (entry.op === 'delete') {
      // Gone already (404) is what the user wanted too.
      if (server) {
        const at = findChild(kind, server.children[kind], rec.id);
        if (at >= 0) server.children[kind].splice(at, 1);
      }
      continue;
    }
    if (!server) {
      stop(rec, i, 'its customer was deleted on the server', true);
      return;
    }
    const items = server.children[kind];
    if (entry.op === 'create') {
      if (named(kind)) {
        const at = findChild(kind, items, body['name'] as string);
        if (at >= 0) {
          // 409; the outbox looks: a record with our values is ours (adopted), another is for the user.
          const { name: _n, ...values } = body;
          if (holdsPatch(items[at] as Row, values)) continue;
          stop(rec, i, 'the name is taken on the server', true);
          return;
        }
      }
      const why = refusal(kind, 'create', body, tenant);
      if (why) {
        stop(rec, i, `create refused: ${why}`, true);
        return;
      }
      items.push(serverChild(kind, body, tenant));
      created(kind);
    } else if (entry.op === 'update') {
      const at = findChild(kind, items, rec.id);
      if (at < 0) {
        stop(rec, i, 'deleted on the server', true);
        return;
      }
      const result = mergeUpdate(out, rec, rec.start ?? {}, items[at] as Row, body, choices, tenant, fixed);
      if (result === 'stop') {
        stop(rec, i, 'update refused', true);
        return;
      }
      if (result === 'conflict') {
        stop(rec, i, 'conflict', false);
        return;
      }
      if (kind === 'address') result['fullAddress'] = composeAddress(result as Parameters<typeof composeAddress>[0]);
      items[at] = result;
    } else {
      const at = findChild(kind, items, rec.id);
      const why = at < 0 ? 'the question is gone on the server' : answerRefusal(items[at] as Row, body);
      if (why) {
        stop(rec, i, `answer refused: ${why}`, true);
        return;
      }
      if (body['response']) items.splice(at, 1);
      else (items[at] as Row)['processAt'] = body['postponeTo'] ?? (items[at] as Row)['processAt'];
    }
  }
}

/**
 * One update against the server's record: the three-way merge. Returns the record after it,
 * 'conflict' (no choice made yet: it stays open), or 'stop' (the server refuses the body).
 */
function mergeUpdate(
  out: Outcome,
  rec: MRec,
  base: Row,
  theirs: Row,
  patch: Row,
  choices: Play['choices'],
  tenant: Tenant,
  fixed: ReadonlySet<string>,
): Row | 'conflict' | 'stop' {
  const key = keyOfRec(rec);
  const fields = Object.keys(patch)
    .filter((f) => !sameValue(base[f], theirs[f]) && !sameValue(theirs[f], patch[f]))
    .map((field) => ({ field, base: base[field] ?? null, theirs: theirs[field] ?? null, yours: patch[field] ?? null }));
  let mine: Row = { ...patch };
  if (fields.length) {
    out.conflicts.push({ key, rec, fields });
    const chosen = choices.get(key);
    if (!chosen) return 'conflict';
    for (const f of fields) mine[f.field] = f[chosen[f.field] as Choice];
  }
  // The patch holds only fields the user changed: what is left is ours (changed on our side only,
  // or settled by a choice); a field the server already holds needs nothing. Fields changed only
  // remotely are not in the patch: theirs stays.
  mine = Object.fromEntries(Object.entries(mine).filter(([f, v]) => !sameValue(theirs[f], v)));
  if (Object.keys(mine).length === 0) return theirs;
  let full = { ...theirs, ...mine };
  if (refusal(rec.kind, 'update', full, tenant)) {
    if (!fixed.has(key)) return 'stop';
    // Edited after the refusal: the same patch with values the tenant takes (merged again, now unchanged remotely).
    mine = Object.fromEntries(Object.entries(fixTenantValues(mine)).filter(([f, v]) => !sameValue(theirs[f], v)));
    full = { ...theirs, ...mine };
  }
  return full;
}

// ---------------------------------------------------------------------------------------------
// Comparing two states, field by field, with a minimal diff
// ---------------------------------------------------------------------------------------------

const stripped: Readonly<Record<Kind, readonly string[]>> = {
  // Stamped by the server when it acts (the model cannot know the time), or links it makes.
  customer: ['regDate', 'links', 'addresses'],
  address: ['lastUpdatedAt'],
  parameter: [],
  extraField: [],
  mandate: ['links'],
  creditInsurance: ['insuranceDate', 'links'],
  question: ['links'],
};

const schemaOf: Readonly<Record<Kind, { entries: Record<string, unknown> }>> = {
  customer: schemas.customer, address: schemas.address, parameter: schemas.parameter, extraField: schemas.extraField,
  mandate: schemas.mandate, creditInsurance: schemas.creditInsurance, question: schemas.question,
};

/** Sorted keys, nulls for absent fields, server stamps removed; `known` GUIDs kept, others become <new>. */
export function normalize(kind: Kind, record: Row, known: ReadonlySet<string> | null): Row {
  const out: Row = {};
  for (const field of fieldsOf(schemaOf[kind]).sort()) {
    if (stripped[kind].includes(field)) continue;
    out[field] = record[field] ?? null;
  }
  const idField = idFieldOf[kind];
  if (known && !named(kind) && kind !== 'customer' && typeof out[idField] === 'string' && !known.has(lower(out[idField] as string))) {
    out[idField] = NEW;
  }
  return out;
}

export const canonical = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => {
  if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v as Row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return v;
});

export interface Difference {
  customer: string;
  kind: Kind;
  problem: 'missing' | 'unexpected' | 'differs' | 'duplicate';
  expected?: unknown;
  actual?: unknown;
}

/**
 * Every customer and sub-resource of `expected` and `actual`, compared field by field.
 * `known`: GUIDs the model knows (records from before the round); any other GUID counts as new.
 */
export function compareStates(expected: ServerState, actual: ServerState, known: ReadonlySet<string>): Difference[] {
  const diffs: Difference[] = [];
  for (const guid of new Set([...expected.keys(), ...actual.keys()])) {
    const e = expected.get(guid);
    const a = actual.get(guid);
    if (!e || !a) {
      diffs.push({ customer: guid, kind: 'customer', problem: e ? 'missing' : 'unexpected', ...(e ? { expected: e.customer['fullName'] } : { actual: a?.customer['fullName'] }) });
      continue;
    }
    const ec = normalize('customer', e.customer, known);
    const ac = normalize('customer', a.customer, known);
    const fields = Object.keys(ec).filter((f) => canonical(ec[f]) !== canonical(ac[f]));
    if (fields.length) {
      diffs.push({
        customer: guid, kind: 'customer', problem: 'differs',
        expected: Object.fromEntries(fields.map((f) => [f, ec[f]])), actual: Object.fromEntries(fields.map((f) => [f, ac[f]])),
      });
    }
    for (const kind of childKinds) diffs.push(...compareLists(guid, kind, e.children[kind], a.children[kind], known));
  }
  return diffs;
}

function compareLists(customer: string, kind: ChildKind, expected: readonly Row[], actual: readonly Row[], known: ReadonlySet<string>): Difference[] {
  const count = (rows: readonly Row[]) => {
    const m = new Map<string, number>();
    for (const row of rows) {
      const key = canonical(normalize(kind, row, known));
      m.set(key, (m.get(key) ?? 0) + 1);
    }
    return m;
  };
  const e = count(expected);
  const a = count(actual);
  const onlyE: Row[] = [];
  const onlyA: Row[] = [];
  const diffs: Difference[] = [];
  for (const key of new Set([...e.keys(), ...a.keys()])) {
    const ne = e.get(key) ?? 0;
    const na = a.get(key) ?? 0;
    if (ne === na) continue;
    if (ne > 0 && na > ne) diffs.push({ customer, kind, problem: 'duplicate', expected: ne, actual: { copies: na, record: JSON.parse(key) } });
    else if (ne > na) for (let i = na; i < ne; i++) onlyE.push(JSON.parse(key) as Row);
    else for (let i = ne; i < na; i++) onlyA.push(JSON.parse(key) as Row);
  }
  // Pair a missing and an unexpected record with the same id: that is one record with other values.
  const idField = idFieldOf[kind];
  for (const exp of [...onlyE]) {
    const at = onlyA.findIndex((row) => exp[idField] !== NEW && canonical(row[idField]).toLowerCase() === canonical(exp[idField]).toLowerCase());
    if (at < 0) continue;
    const act = onlyA.splice(at, 1)[0] as Row;
    onlyE.splice(onlyE.indexOf(exp), 1);
    const fields = Object.keys(exp).filter((f) => canonical(exp[f]) !== canonical(act[f]));
    diffs.push({
      customer, kind, problem: 'differs',
      expected: { [idField]: exp[idField], ...Object.fromEntries(fields.map((f) => [f, exp[f]])) },
      actual: Object.fromEntries(fields.map((f) => [f, act[f]])),
    });
  }
  for (const row of onlyE) diffs.push({ customer, kind, problem: 'missing', expected: row });
  for (const row of onlyA) diffs.push({ customer, kind, problem: 'unexpected', actual: row });
  return diffs;
}

/** GUIDs of every record in a state (customers and GUID-keyed children), lower-cased. */
export function guidsOf(state: ServerState): Set<string> {
  const ids = new Set<string>();
  for (const [guid, c] of state) {
    ids.add(guid);
    for (const kind of ['address', 'mandate', 'creditInsurance', 'question'] as const) {
      for (const row of c.children[kind]) ids.add(lower(String(row[idFieldOf[kind]])));
    }
  }
  return ids;
}
