import type { Tenant } from '../../electron/sandbox';
import { schemas } from '../../shared/api';
import {
  childKey, foldCreate, foldDelete, foldRespond, foldUpdate, lower, newRec,
  type ChildKind, type MCustomer, type MRec,
} from './model';
import type { ChildEntity, Row, UserOp } from './protocol';
import type { Rng } from './rng';

/*
 * What the field worker does offline: random writes of every kind over many customers, each
 * with what it must do (be queued, or be refused with InvalidInputError and change nothing, or
 * ask for consent with QueuedChildrenError) and how it changes the model once the page took it.
 * Values are unique per run (a token), so the server's records can be told apart by content.
 */

export type Expect = 'ok' | 'InvalidInputError' | 'QueuedChildrenError';

export interface Planned {
  op: UserOp;
  expect: Expect;
  /** A note for the op log (e.g. "refused by the tenant" for values the server will not take). */
  note?: string;
  /** Folds the accepted write into the model; `value` is what the write returned. */
  accept?: (value: unknown, n: number) => void;
}

export const cities = ['Uppsala', 'Malmö', 'Oslo', 'Turku', 'Aarhus', 'Umeå'];

/** Valid values for a customer's update fields (the ones the test changes). */
export function customerValue(rng: Rng, tenant: Tenant, field: string, token: string): unknown {
  switch (field) {
    case 'email': return `${token}@example.se`;
    case 'cellularPhone':
    case 'homePhone':
    case 'workPhone': return `+46 70 ${rng.int(100, 999)} ${rng.int(10, 99)} ${rng.int(10, 99)}`;
    case 'customerReference': return `REF-${token}`;
    case 'languageCode': return rng.pick(['sv', 'en', 'fi', 'nb', 'da']);
    case 'preferredChannel':
    case 'invoiceChannel': return rng.pick(tenant.channels);
    case 'currencyCode': return rng.pick(tenant.currencies);
    case 'domicile': return `Domicile ${token}`;
    case 'vatNumber': return `SE${rng.int(100_000_000, 999_999_999)}01`;
    case 'underAged': return rng.chance(0.5);
    case 'placeOfBirth': return rng.pick(cities);
    default: throw new Error(`no generator for customer.${field}`);
  }
}
export const customerFields = [
  'email', 'cellularPhone', 'homePhone', 'workPhone', 'customerReference', 'languageCode',
  'preferredChannel', 'invoiceChannel', 'currencyCode', 'domicile', 'vatNumber', 'underAged', 'placeOfBirth',
];
const clearable = new Set(['email', 'homePhone', 'workPhone', 'customerReference', 'domicile', 'vatNumber', 'placeOfBirth']);

export function addressValue(rng: Rng, field: string, token: string): unknown {
  switch (field) {
    case 'street': return `Chaosgatan ${token}`;
    case 'houseNo': return String(rng.int(1, 120));
    case 'houseNoExtension': return rng.pick(['A', 'B', null]);
    case 'city': return rng.pick(cities);
    case 'zipCode': return `${rng.int(100, 999)} ${rng.int(10, 99)}`;
    case 'stateCode': return rng.pick([null, 'AB', 'C']);
    case 'fullName': return `c/o ${token}`;
    default: throw new Error(`no generator for address.${field}`);
  }
}
export const addressFields = ['street', 'houseNo', 'houseNoExtension', 'city', 'zipCode', 'stateCode', 'fullName'];
/** The address fields a customer's create carries too (its main address). */
const createdAddressFields = addressFields.filter((field) => field !== 'fullName');

export function insuranceValue(rng: Rng, tenant: Tenant, field: string, token: string): unknown {
  switch (field) {
    case 'note': return `note ${token}`;
    case 'amount': return rng.int(1, 500) * 1000;
    case 'paymentTerm': return rng.pick([10, 20, 30, 45]);
    case 'graceDays': return rng.int(0, 14);
    case 'insuranceCompanyNumber': return `IC-${token}`;
    case 'currencyCode': return rng.pick(tenant.currencies);
    default: throw new Error(`no generator for creditInsurance.${field}`);
  }
}
export const insuranceFields = ['note', 'amount', 'paymentTerm', 'graceDays', 'insuranceCompanyNumber', 'currencyCode'];

export const postponeDate = (rng: Rng): string =>
  `2027-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}T09:00:00Z`;

export function newAddressBody(rng: Rng, token: string): Row {
  return {
    addressType: rng.pick(['POSTAL', 'DELIVERY', 'INVOICE']), street: `Chaosgatan ${token}`, houseNo: String(rng.int(1, 99)),
    city: rng.pick(cities), zipCode: `${rng.int(100, 999)} ${rng.int(10, 99)}`, countryCode: 'SE',
  };
}

export function newInsuranceBody(rng: Rng, tenant: Tenant, token: string): Row {
  return {
    insuranceCompanyReferenceCode: rng.pick(Object.keys(tenant.insuranceCompanies)), currencyCode: rng.pick(tenant.currencies),
    amount: rng.int(1, 500) * 1000, paymentTerm: 30, graceDays: rng.int(0, 10), note: `note ${token}`,
  };
}

export function newMandateBody(rng: Rng, token: string): Row {
  return {
    directDebitMandateType: rng.pick([1, 3, 5]), receivingBankAccountNo: '5050-1055', sendingBankAccountClass: 9,
    sendingBankAccountNo: `8327-9 ${token}`, referenceNo: `M-${token}`, signedDate: '2026-03-01T00:00:00Z',
  };
}

/** The user: picks a target from the model's current view and plans one write. */
export class UserGenerator {
  private count = 0;

  constructor(
    private readonly rng: Rng,
    private readonly tenant: Tenant,
    private readonly customers: Map<string, MCustomer>,
    private readonly prefix: string,
  ) {}

  private token(): string {
    return `${this.prefix}u${++this.count}`;
  }

  private live(): MCustomer[] {
    return [...this.customers.values()].filter((c) => c.rec.local);
  }

  private withDetail(): MCustomer[] {
    return this.live().filter((c) => c.detail);
  }

  /** Where a new child goes: often a customer created offline (its children wait for its create). */
  private parentForNew(): MCustomer | undefined {
    const targets = this.withDetail();
    const created = targets.filter((c) => !c.rec.start);
    if (created.length && this.rng.chance(0.3)) return this.rng.pick(created);
    return targets.length ? this.rng.pick(targets) : undefined;
  }

  /** A customer's child records of a kind that the user still sees (biased towards ones already edited). */
  private liveChildren(kind: ChildKind): MRec[] {
    const all = this.withDetail().flatMap((c) => [...c.children.values()].filter((r) => r.kind === kind && r.local));
    const touched = all.filter((r) => r.chain.length > 0);
    return touched.length && this.rng.chance(0.35) ? touched : all;
  }

  next(): Planned {
    for (;;) {
      const kind = this.rng.weighted<string>([
        ['updateCustomer', 16], ['createCustomer', 4], ['deleteCustomer', 3],
        ['createAddress', 5], ['updateAddress', 6], ['deleteAddress', 3],
        ['createParameter', 5], ['updateParameter', 5], ['deleteParameter', 3],
        ['createExtraField', 3], ['updateExtraField', 3], ['deleteExtraField', 2],
        ['createMandate', 3],
        ['createCreditInsurance', 3], ['updateCreditInsurance', 4], ['deleteCreditInsurance', 2],
        ['respond', 5], ['invalid', 6], ['createdAddress', 3],
      ]);
      const planned = this.plan(kind);
      if (planned) return planned;
    }
  }

  private plan(kind: string): Planned | null {
    switch (kind) {
      case 'updateCustomer': return this.updateCustomer();
      case 'createCustomer': return this.createCustomer();
      case 'deleteCustomer': return this.deleteCustomer();
      case 'createAddress': return this.createChild('address', newAddressBody(this.rng, this.token()));
      case 'createParameter': return this.createNamed('parameter');
      case 'createExtraField': return this.createNamed('extraField');
      case 'createMandate': return this.createChild('mandate', newMandateBody(this.rng, this.token()));
      case 'createCreditInsurance': {
        const body = newInsuranceBody(this.rng, this.tenant, this.token());
        const refused = this.rng.chance(0.08);
        if (refused) body['insuranceCompanyReferenceCode'] = 'LLOYDS';
        return this.createChild('creditInsurance', body, refused ? 'the tenant has no insurer LLOYDS' : undefined);
      }
      case 'updateAddress': return this.updateChild('address');
      case 'updateParameter': return this.updateChild('parameter');
      case 'updateExtraField': return this.updateChild('extraField');
      case 'updateCreditInsurance': return this.updateChild('creditInsurance');
      case 'deleteAddress': return this.deleteChild('address');
      case 'deleteParameter': return this.deleteChild('parameter');
      case 'deleteExtraField': return this.deleteChild('extraField');
      case 'deleteCreditInsurance': return this.deleteChild('creditInsurance');
      case 'respond': return this.respond();
      case 'createdAddress': return this.createdAddress();
      case 'invalid': return this.invalid();
      default: throw new Error(kind);
    }
  }

  private customerChanges(): { changes: Row; note?: string } {
    const changes: Row = {};
    let note: string | undefined;
    for (const field of this.rng.sample(customerFields, this.rng.int(1, 3))) {
      changes[field] = clearable.has(field) && this.rng.chance(0.08) ? null : customerValue(this.rng, this.tenant, field, this.token());
    }
    if (this.rng.chance(0.06)) {
      const [field, value] = this.rng.pick([['preferredChannel', 'FAX'], ['invoiceChannel', 'PIGEON'], ['currencyCode', 'USD']] as const);
      changes[field] = value;
      note = `${field} ${value} is refused by the tenant`;
    }
    return note ? { changes, note } : { changes };
  }

  private updateCustomer(): Planned | null {
    const all = this.live();
    if (!all.length) return null;
    const touched = all.filter((c) => c.rec.chain.length > 0);
    const cust = this.rng.pick(touched.length && this.rng.chance(0.3) ? touched : all);
    const { changes, note } = this.customerChanges();
    return {
      op: { kind: 'updateCustomer', customerGuid: cust.guid, changes }, expect: 'ok', ...(note ? { note } : {}),
      accept: (_v, n) => {
        foldUpdate(cust.rec, changes);
        cust.rec.ops.push(n);
      },
    };
  }

  private createCustomer(): Planned {
    const guid = this.rng.uuid();
    const token = this.token();
    const company = this.rng.chance(0.3);
    const input: Row = company
      ? { customerGuid: guid, juridicalType: 1, fullName: `Chaos ${token} AB` }
      : { customerGuid: guid, juridicalType: 0, firstname: `Ada${token}`, lastname: 'Chaos' };
    input['email'] = `${token}@example.se`;
    input['preferredChannel'] = this.rng.pick(this.tenant.channels);
    if (this.rng.chance(0.6)) Object.assign(input, { street: `Nygatan ${token}`, city: this.rng.pick(cities), zipCode: '111 22', countryCode: 'SE' });
    let note: string | undefined;
    if (this.rng.chance(0.08)) {
      input['preferredChannel'] = 'FAX';
      note = 'preferredChannel FAX is refused by the tenant';
    }
    return {
      op: { kind: 'createCustomer', input }, expect: 'ok', ...(note ? { note } : {}),
      accept: (_v, n) => {
        const rec = newRec('customer', guid, guid, null);
        foldCreate(rec, input);
        rec.ops.push(n);
        this.customers.set(lower(guid), { guid, rec, detail: true, children: new Map() });
      },
    };
  }

  private deleteCustomer(): Planned | null {
    const all = this.live();
    if (!all.length) return null;
    const withQueued = all.filter((c) => [...c.children.values()].some((r) => r.chain.length > 0));
    const cust = this.rng.pick(withQueued.length && this.rng.chance(0.6) ? withQueued : all);
    const queued = [...cust.children.values()].some((r) => r.chain.length > 0);
    const consent = queued && this.rng.chance(0.5);
    if (queued && !consent) {
      // Without consent: refused, nothing changes (the next delete of it may bring consent).
      return { op: { kind: 'deleteCustomer', customerGuid: cust.guid }, expect: 'QueuedChildrenError' };
    }
    return {
      op: { kind: 'deleteCustomer', customerGuid: cust.guid, ...(consent ? { discardQueuedChildren: true } : {}) }, expect: 'ok',
      accept: (_v, n) => {
        for (const child of cust.children.values()) {
          if (child.chain.length) child.discarded = true;
          child.chain = [];
          child.local = null;
        }
        foldDelete(cust.rec);
        cust.rec.ops.push(n);
      },
    };
  }

  private createChild(entity: ChildEntity, body: Row, note?: string): Planned | null {
    const cust = this.parentForNew();
    if (!cust) return null;
    return {
      op: { kind: 'createChild', entity, customerGuid: cust.guid, body }, expect: 'ok', ...(note ? { note } : {}),
      accept: (value, n) => {
        const id = value as string;
        const rec = newRec(entity, cust.guid, id, null);
        foldCreate(rec, body);
        rec.ops.push(n);
        cust.children.set(childKey(entity, id), rec);
      },
    };
  }

  /** A parameter or extra field: a new name, or one the user deleted here (re-created). */
  private createNamed(entity: 'parameter' | 'extraField'): Planned | null {
    const cust = this.parentForNew();
    if (!cust) return null;
    const gone = [...cust.children.values()].filter((r) => r.kind === entity && !r.local && r.start);
    const reuse = gone.length && this.rng.chance(0.4) ? this.rng.pick(gone) : undefined;
    const token = this.token();
    const name = reuse ? reuse.id : entity === 'parameter' ? `P-${token}` : `X-${token}`;
    const body: Row = entity === 'parameter'
      ? { name, type: this.rng.pick(['string', 'int']), value: `v-${token}`, ...(this.rng.chance(0.3) ? { href: `https://example.se/p/${token}` } : {}) }
      : { name, value: [`a-${token}`, ...(this.rng.chance(0.5) ? [`b-${token}`] : [])] };
    return {
      op: { kind: 'createChild', entity, customerGuid: cust.guid, body }, expect: 'ok',
      accept: (_v, n) => {
        const rec = reuse ?? newRec(entity, cust.guid, name, null);
        foldCreate(rec, body);
        rec.ops.push(n);
        cust.children.set(childKey(entity, name), rec);
      },
    };
  }

  private updateChild(entity: 'address' | 'parameter' | 'extraField' | 'creditInsurance'): Planned | null {
    const targets = this.liveChildren(entity);
    if (!targets.length) return null;
    const rec = this.rng.pick(targets);
    const changes: Row = {};
    let note: string | undefined;
    if (entity === 'address') {
      for (const f of this.rng.sample(addressFields, this.rng.int(1, 2))) changes[f] = addressValue(this.rng, f, this.token());
    } else if (entity === 'parameter') {
      for (const f of this.rng.sample(['value', 'type', 'href'], this.rng.int(1, 2))) {
        const token = this.token();
        changes[f] = f === 'value' ? `v-${token}` : f === 'type' ? this.rng.pick(['string', 'int', 'date']) : this.rng.pick([null, `https://example.se/p/${token}`]);
      }
    } else if (entity === 'extraField') {
      const token = this.token();
      changes['value'] = this.rng.chance(0.1) ? null : [`c-${token}`, ...(this.rng.chance(0.5) ? [`d-${token}`] : [])];
    } else {
      for (const f of this.rng.sample(insuranceFields, this.rng.int(1, 2))) changes[f] = insuranceValue(this.rng, this.tenant, f, this.token());
      if (this.rng.chance(0.06)) {
        changes['currencyCode'] = 'USD';
        note = 'currencyCode USD is refused by the tenant';
      }
    }
    return {
      op: { kind: 'updateChild', entity, customerGuid: rec.customerGuid, id: rec.alias ?? rec.id, changes }, expect: 'ok', ...(note ? { note } : {}),
      accept: (_v, n) => {
        foldUpdate(rec, changes);
        rec.ops.push(n);
      },
    };
  }

  private deleteChild(entity: 'address' | 'parameter' | 'extraField' | 'creditInsurance'): Planned | null {
    const targets = this.liveChildren(entity);
    if (!targets.length) return null;
    const rec = this.rng.pick(targets);
    return {
      op: { kind: 'deleteChild', entity, customerGuid: rec.customerGuid, id: rec.alias ?? rec.id }, expect: 'ok',
      accept: (_v, n) => {
        foldDelete(rec);
        rec.ops.push(n);
      },
    };
  }

  /**
   * The main address of a customer created offline in this round (part of its queued create):
   * corrected, sometimes removed, now and then with a value the create cannot take.
   */
  private createdAddress(): Planned | null {
    const created = this.live().filter((c) => !c.rec.start && c.rec.chain[0]?.op === 'create');
    if (!created.length) return null;
    const cust = this.rng.pick(created);
    if (this.rng.chance(0.08)) {
      return {
        op: { kind: 'updateCreatedAddress', customerGuid: cust.guid, changes: { city: 'x'.repeat(201) } }, expect: 'InvalidInputError',
        note: 'a city of 201 characters',
      };
    }
    if (this.rng.chance(0.15)) {
      return {
        op: { kind: 'removeCreatedAddress', customerGuid: cust.guid }, expect: 'ok',
        accept: (_v, n) => {
          foldUpdate(cust.rec, Object.fromEntries(schemas.mainAddressFields.map((field) => [field, null])));
          cust.rec.ops.push(n);
        },
      };
    }
    const changes: Row = {};
    for (const f of this.rng.sample(createdAddressFields, this.rng.int(1, 3))) changes[f] = addressValue(this.rng, f, this.token());
    return {
      op: { kind: 'updateCreatedAddress', customerGuid: cust.guid, changes }, expect: 'ok',
      accept: (_v, n) => {
        // The model's rule for a customer created offline: a change folds into its create.
        foldUpdate(cust.rec, changes);
        cust.rec.ops.push(n);
      },
    };
  }

  private respond(): Planned | null {
    const targets = this.liveChildren('question');
    if (!targets.length) return null;
    const rec = this.rng.pick(targets);
    const question = rec.start ?? {};
    const codes = ((question['responses'] ?? []) as { code: string }[]).map((r) => r.code);
    let answer: Row;
    let note: string | undefined;
    if (this.rng.chance(0.3) || !codes.length) {
      answer = { postponeTo: postponeDate(this.rng) };
      if (question['allowPostpone'] !== true) note = 'this question cannot be postponed';
    } else if (this.rng.chance(0.06)) {
      answer = { response: 'MAYBE' };
      note = 'MAYBE is not an offered response';
    } else {
      answer = { response: this.rng.pick(codes), ...(this.rng.chance(0.3) ? { note: `answered ${this.token()}` } : {}) };
    }
    return {
      op: { kind: 'respond', customerGuid: rec.customerGuid, actionGuid: rec.id, answer }, expect: 'ok', ...(note ? { note } : {}),
      accept: (_v, n) => {
        foldRespond(rec, answer);
        rec.ops.push(n);
      },
    };
  }

  /** A write the outbox must refuse before anything changes. */
  private invalid(): Planned | null {
    const cust = this.live().length ? this.rng.pick(this.live()) : undefined;
    const detail = this.withDetail().length ? this.rng.pick(this.withDetail()) : undefined;
    const pickChild = (kind: ChildKind) => {
      const all = this.liveChildren(kind);
      return all.length ? this.rng.pick(all) : undefined;
    };
    const choice = this.rng.int(0, 11);
    const invalid = (op: UserOp, note: string): Planned => ({ op, expect: 'InvalidInputError', note });
    switch (choice) {
      case 0: return cust ? invalid({ kind: 'updateCustomer', customerGuid: cust.guid, changes: { email: 'not an e-mail' } }, 'bad e-mail') : null;
      case 1: return cust ? invalid({ kind: 'updateCustomer', customerGuid: cust.guid, changes: { currencyCode: 'sek' } }, 'lower-case currency') : null;
      case 2: {
        // (A customer created offline may still be renamed: the change folds into its create.)
        const synced = this.live().filter((c) => c.rec.start);
        return synced.length
          ? invalid({ kind: 'updateCustomer', customerGuid: this.rng.pick(synced).guid, changes: { fullName: 'Renamed' } }, 'fullName cannot be updated')
          : null;
      }
      case 3: return invalid({ kind: 'createCustomer', input: { customerGuid: this.rng.uuid(), juridicalType: 0, email: 'x@example.se' } }, 'no name');
      case 4: return detail ? invalid({
        kind: 'createChild', entity: 'address', customerGuid: detail.guid,
        body: { street: 'Backwards 1', validFrom: '2027-01-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z' },
      }, 'validTo before validFrom') : null;
      case 5: return detail ? invalid({ kind: 'createChild', entity: 'parameter', customerGuid: detail.guid, body: { name: '..', value: 'x' } }, "name '..'") : null;
      case 6: return detail ? invalid({
        kind: 'createChild', entity: 'extraField', customerGuid: detail.guid, body: { name: `X-${this.token()}`, value: Array.from({ length: 101 }, (_, i) => String(i)) },
      }, '101 values') : null;
      case 7: return detail ? invalid({
        kind: 'createChild', entity: 'mandate', customerGuid: detail.guid, body: { directDebitMandateType: 6, receivingBankAccountNo: '5050-1055' },
      }, 'mandate type 6') : null;
      case 8: return detail ? invalid({
        kind: 'createChild', entity: 'creditInsurance', customerGuid: detail.guid, body: { insuranceCompanyReferenceCode: 'COFACE', amount: -5 },
      }, 'negative amount') : null;
      case 9: {
        const q = pickChild('question');
        return q ? invalid({ kind: 'respond', customerGuid: q.customerGuid, actionGuid: q.id, answer: { note: 'no answer' } }, 'neither response nor date') : null;
      }
      case 10: {
        const p = pickChild('parameter');
        // A second parameter of the same name (any case) for the customer.
        return p?.local ? invalid({
          kind: 'createChild', entity: 'parameter', customerGuid: p.customerGuid, body: { name: String(p.local['name'] ?? p.id).toUpperCase(), value: 'dup' },
        }, 'name already in use') : null;
      }
      default: {
        const ins = pickChild('creditInsurance');
        return ins ? invalid({ kind: 'updateChild', entity: 'creditInsurance', customerGuid: ins.customerGuid, id: ins.id, changes: { paymentTerm: 1.5 } }, 'paymentTerm 1.5') : null;
      }
    }
  }
}

