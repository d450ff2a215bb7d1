import type { ApiClient } from '../../electron/api-client';
import type { Sandbox } from '../../electron/sandbox';
import { failureOf, type OperationName } from '../../shared/api';
import {
  addressFields, addressValue, customerFields, customerValue, insuranceFields, insuranceValue,
  newAddressBody, newInsuranceBody, newMandateBody, postponeDate,
} from './generate';
import { lower, type MCustomer, type MRec } from './model';
import type { Row } from './protocol';
import type { Rng } from './rng';

/*
 * ANOTHER CLIENT of the same tenant, editing the server while the field worker is offline,
 * through the real API client (so the server applies its own rules to it). It aims at what the
 * user touched: the same fields (to the same value: must merge silently; to another: must
 * become a conflict), other fields of the same records (must merge), deletes of records the
 * user edits (must surface as needs-attention), and names the user created offline.
 */

export interface OtherOp {
  text: string;
  run(): Promise<void>;
}

type Loose = (operation: OperationName, ...args: unknown[]) => Promise<unknown>;

export class OtherClient {
  private count = 0;

  constructor(
    private readonly rng: Rng,
    private readonly sandbox: Sandbox,
    private readonly api: ApiClient,
    private readonly customers: Map<string, MCustomer>,
    private readonly prefix: string,
  ) {}

  private token(): string {
    return `${this.prefix}o${++this.count}`;
  }

  private call(operation: OperationName, params: Row, body?: unknown): Promise<unknown> {
    return (this.api.call as unknown as Loose)(operation, params, body);
  }

  /** Customers on the server (the other client sees the server, not the field worker's cache). */
  private serverGuids(): string[] {
    return this.sandbox.store.ordered().map((r) => r.customer.customerGuid);
  }

  private userRecs(filter: (rec: MRec) => boolean): MRec[] {
    const out: MRec[] = [];
    for (const c of this.customers.values()) {
      if (filter(c.rec)) out.push(c.rec);
      for (const child of c.children.values()) if (filter(child)) out.push(child);
    }
    return out.filter((r) => this.sandbox.store.record(r.customerGuid));
  }

  private children(guid: string) {
    const record = this.sandbox.store.record(guid);
    if (!record) return undefined;
    return { record, children: this.sandbox.store.children(record), addresses: record.customer.addresses ?? [] };
  }

  next(): OtherOp {
    for (;;) {
      const kind = this.rng.weighted<string>([
        ['updateCustomer', 10], ['deleteCustomer', 2], ['createCustomer', 1],
        ['updateAddress', 4], ['deleteAddress', 1], ['createAddress', 1],
        ['updateParameter', 3], ['deleteParameter', 1], ['createParameter', 3],
        ['updateExtraField', 2], ['deleteExtraField', 1], ['createExtraField', 1],
        ['updateCreditInsurance', 3], ['deleteCreditInsurance', 1], ['respond', 3], ['createMandate', 1],
      ]);
      const op = this.plan(kind);
      if (op) return op;
    }
  }

  /** A record the user queued an update (or answer) for, of `kind`, sometimes; else null. */
  private aimed(kind: MRec['kind'], p = 0.6): MRec | null {
    const recs = this.userRecs((r) => r.kind === kind && r.start !== null && r.chain.some((e) => e.op === 'update' || e.op === 'respond'));
    return recs.length && this.rng.chance(p) ? this.rng.pick(recs) : null;
  }

  /** Fields to change: often one the user changed (same value or not), and others. */
  private changes(rec: MRec | null, fields: readonly string[], value: (field: string) => unknown): Row {
    const out: Row = {};
    const patch = rec?.chain.find((e) => e.op === 'update')?.body ?? {};
    const touched = Object.keys(patch).filter((f) => fields.includes(f));
    if (touched.length && this.rng.chance(0.65)) {
      const field = this.rng.pick(touched);
      out[field] = this.rng.chance(0.35) ? patch[field] : value(field);
    }
    if (!Object.keys(out).length || this.rng.chance(0.5)) {
      const field = this.rng.pick(fields.filter((f) => !(f in out)));
      out[field] = value(field);
    }
    return out;
  }

  private plan(kind: string): OtherOp | null {
    const rng = this.rng;
    const tenant = this.sandbox.tenant;
    switch (kind) {
      case 'updateCustomer': {
        const rec = this.aimed('customer');
        const guid = rec?.customerGuid ?? rng.pick(this.serverGuids());
        const body = this.changes(rec, customerFields, (f) => customerValue(rng, tenant, f, this.token()));
        return { text: `other: update customer ${guid} ${JSON.stringify(body)}`, run: () => this.call('updateCustomer', { customerGuid: guid }, body).then(() => undefined) };
      }
      case 'deleteCustomer': {
        const touched = this.userRecs((r) => r.chain.length > 0 && r.start !== null).map((r) => r.customerGuid);
        const guid = touched.length && rng.chance(0.7) ? rng.pick(touched) : rng.pick(this.serverGuids());
        return { text: `other: delete customer ${guid}`, run: () => this.call('deleteCustomer', { customerGuid: guid }).then(() => undefined) };
      }
      case 'createCustomer': {
        const token = this.token();
        const body = { juridicalType: 1, fullName: `Other ${token} AB`, email: `${token}@example.no`, city: 'Bergen', street: `Bryggen ${token}` };
        return { text: `other: create customer ${JSON.stringify(body)}`, run: () => this.call('createCustomer', {}, body).then(() => undefined) };
      }
      case 'updateAddress':
      case 'deleteAddress': {
        const rec = this.aimed('address', kind === 'deleteAddress' ? 0.5 : 0.6);
        const target = rec ? { guid: rec.customerGuid, id: rec.id } : this.randomChild((c) => c.addresses, 'addressGuid');
        if (!target) return null;
        if (kind === 'deleteAddress') {
          return { text: `other: delete address ${target.guid}/${target.id}`, run: () => this.call('deleteAddress', { customerGuid: target.guid, addressGuid: target.id }).then(() => undefined) };
        }
        const body = this.changes(rec, addressFields, (f) => addressValue(rng, f, this.token()));
        return { text: `other: update address ${target.guid}/${target.id} ${JSON.stringify(body)}`, run: () => this.call('updateAddress', { customerGuid: target.guid, addressGuid: target.id }, body).then(() => undefined) };
      }
      case 'createAddress': {
        const guid = rng.pick(this.serverGuids());
        const body = newAddressBody(rng, this.token());
        return { text: `other: create address ${guid} ${JSON.stringify(body)}`, run: () => this.call('createAddress', { customerGuid: guid }, body).then(() => undefined) };
      }
      case 'updateParameter':
      case 'deleteParameter':
      case 'updateExtraField':
      case 'deleteExtraField': {
        const entity = kind.endsWith('Parameter') ? 'parameter' : 'extraField';
        const rec = this.aimed(entity, kind.startsWith('delete') ? 0.5 : 0.6);
        const target = rec ? { guid: rec.customerGuid, id: rec.id }
          : this.randomChild((c) => (entity === 'parameter' ? c.children.parameters : c.children.extraFields), 'name');
        if (!target) return null;
        const params = { customerGuid: target.guid, name: target.id };
        if (kind.startsWith('delete')) {
          const op = entity === 'parameter' ? 'deleteParameter' : 'deleteExtraField';
          return { text: `other: ${op} ${target.guid}/${target.id}`, run: () => this.call(op, params).then(() => undefined) };
        }
        if (entity === 'parameter') {
          const item = this.changes(rec, ['value', 'type'], (f) => (f === 'value' ? `ov-${this.token()}` : rng.pick(['string', 'int', 'date'])));
          return { text: `other: update parameter ${target.guid}/${target.id} ${JSON.stringify(item)}`, run: () => this.call('updateParameter', params, [item]).then(() => undefined) };
        }
        const patch = rec?.chain.find((e) => e.op === 'update')?.body;
        const value = patch && rng.chance(0.35) ? patch['value'] : [`o-${this.token()}`];
        return { text: `other: update extra field ${target.guid}/${target.id} ${JSON.stringify(value)}`, run: () => this.call('updateExtraField', params, { value }).then(() => undefined) };
      }
      case 'createParameter':
      case 'createExtraField': {
        const entity = kind === 'createParameter' ? 'parameter' : 'extraField';
        // Often the very name the user created offline: with the same values (the user's create
        // must be recognised as done) or other ones (it must come back as needs-attention).
        const pending = this.userRecs((r) => r.kind === entity && r.start === null && r.chain[0]?.op === 'create');
        const mine = pending.length && rng.chance(0.6) ? rng.pick(pending) : null;
        const guid = mine?.customerGuid ?? rng.pick(this.serverGuids());
        const token = this.token();
        const same = mine && rng.chance(0.5);
        const body: Row = mine
          ? (same ? structuredClone(mine.chain[0]?.body ?? {}) : { ...(entity === 'parameter' ? { value: `ov-${token}` } : { value: [`o-${token}`] }), name: mine.id })
          : entity === 'parameter' ? { name: `OP-${token}`, type: 'string', value: `ov-${token}` } : { name: `OX-${token}`, value: [`o-${token}`] };
        if (entity === 'parameter') {
          return { text: `other: create parameter ${guid} ${JSON.stringify(body)}`, run: () => this.call('createParameters', { customerGuid: guid }, [body]).then(() => undefined) };
        }
        return { text: `other: create extra field ${guid} ${JSON.stringify(body)}`, run: () => this.call('createExtraField', { customerGuid: guid }, body).then(() => undefined) };
      }
      case 'updateCreditInsurance':
      case 'deleteCreditInsurance': {
        const rec = this.aimed('creditInsurance', kind.startsWith('delete') ? 0.5 : 0.6);
        const target = rec ? { guid: rec.customerGuid, id: rec.id } : this.randomChild((c) => c.children.creditInsurances, 'insuranceGuid');
        if (!target) return null;
        const params = { customerGuid: target.guid, insuranceGuid: target.id };
        if (kind.startsWith('delete')) {
          return { text: `other: delete credit insurance ${target.guid}/${target.id}`, run: () => this.call('deleteCreditInsurance', params).then(() => undefined) };
        }
        const body = this.changes(rec, insuranceFields, (f) => insuranceValue(rng, tenant, f, this.token()));
        return { text: `other: update credit insurance ${target.guid}/${target.id} ${JSON.stringify(body)}`, run: () => this.call('updateCreditInsurance', params, body).then(() => undefined) };
      }
      case 'respond': {
        const rec = this.aimed('question', 0.6);
        const target = rec ? { guid: rec.customerGuid, id: rec.id } : this.randomChild((c) => c.children.questions, 'actionGuid');
        if (!target) return null;
        const question = this.children(target.guid)?.children.questions.find((q) => lower(q.actionGuid) === lower(target.id));
        if (!question) return null;
        const codes = (question.responses ?? []).map((r) => r.code);
        const answer = question.allowPostpone && (rng.chance(0.4) || !codes.length) ? { postponeTo: postponeDate(rng) } : codes.length ? { response: rng.pick(codes) } : null;
        if (!answer) return null;
        return {
          text: `other: answer question ${target.guid}/${target.id} ${JSON.stringify(answer)}`,
          run: () => this.call('respondToQuestion', { customerGuid: target.guid, actionGuid: target.id }, answer).then(() => undefined),
        };
      }
      case 'createMandate': {
        const guid = rng.pick(this.serverGuids());
        const body = newMandateBody(rng, this.token());
        return { text: `other: create mandate ${guid}`, run: () => this.call('createMandate', { customerGuid: guid }, body).then(() => undefined) };
      }
      case 'createCreditInsurance': {
        const guid = rng.pick(this.serverGuids());
        const body = newInsuranceBody(rng, tenant, this.token());
        return { text: `other: create credit insurance ${guid}`, run: () => this.call('createCreditInsurance', { customerGuid: guid }, body).then(() => undefined) };
      }
      default:
        throw new Error(kind);
    }
  }

  private randomChild(
    list: (c: NonNullable<ReturnType<OtherClient['children']>>) => readonly object[],
    idField: string,
  ): { guid: string; id: string } | null {
    for (let i = 0; i < 8; i++) {
      const guid = this.rng.pick(this.serverGuids());
      const c = this.children(guid);
      const items = c ? list(c) : [];
      if (items.length) return { guid, id: String((this.rng.pick(items) as Row)[idField]) };
    }
    return null;
  }
}

/** Runs an other-client op; a refusal is only logged (the other client's mistakes are not ours). */
export async function runOther(op: OtherOp): Promise<string> {
  try {
    await op.run();
    return 'ok';
  } catch (error) {
    const failure = failureOf(error);
    return failure ? `refused: ${failure.kind} ${failure.message}` : `failed: ${String(error)}`;
  }
}
