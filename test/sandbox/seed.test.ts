import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchRoute } from '../../shared/api/paths';
import {
  accruedInterest,
  addressCreate,
  creditInsurance,
  customer as customerSchema,
  customerUpdate,
  customerUpdateFields,
  email,
  extraField,
  ledgerSummary,
  mandate,
  parameter,
  question,
  type Customer,
} from '../../shared/api/schemas';
import { seedChildren, seedCustomers, tenant, type CustomerChildren } from '../../electron/sandbox/seed/index';

const SEED = 20240401;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
const ISO_SECONDS_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/u;

let population: Customer[];
let children: CustomerChildren[];

beforeAll(() => {
  population = seedCustomers(10_000, SEED);
  children = population.slice(0, 2_000).map((c) => seedChildren(c, SEED));
});

const pick = <T extends object>(from: T, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => k in from).map((k) => [k, (from as Record<string, unknown>)[k]]));

/** Written here rather than imported, so the test does not share a bug with the seed. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]) * (i % 2 === 1 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

const cents = (amount: number | null | undefined) => Math.round((amount ?? 0) * 100);

describe('determinism', () => {
  it('gives deep-equal customers for the same seed and different ones for another', () => {
    expect(seedCustomers(300, 7)).toEqual(seedCustomers(300, 7));
    const other = seedCustomers(300, 8);
    expect(other).not.toEqual(seedCustomers(300, 7));
    expect(other[0]?.customerGuid).not.toBe(seedCustomers(1, 7)[0]?.customerGuid);
  });

  it('only appends when the count grows', () => {
    expect(seedCustomers(1_000, 7).slice(0, 50)).toEqual(seedCustomers(50, 7));
  });

  it('gives the same children whatever order the customers are touched in', () => {
    const customers = seedCustomers(200, 7);
    const forward = customers.map((c) => seedChildren(c, 7));
    const backward = seedCustomers(200, 7).reverse().map((c) => seedChildren(c, 7)).reverse();
    expect(backward).toEqual(forward);
    expect(customers.map((c) => seedChildren(c, 8))).not.toEqual(forward);
  });

  it('leaves the customer it seeds children for untouched', () => {
    const [c] = seedCustomers(1, 7) as [Customer];
    const before = structuredClone(c);
    seedChildren(c, 7);
    expect(c).toEqual(before);
  });
});

describe('schemas', () => {
  it('every customer validates, and would pass an update and an address create', () => {
    for (const c of population) {
      v.parse(customerSchema, c);
      v.parse(customerUpdate, pick(c, customerUpdateFields));
      for (const a of c.addresses ?? []) v.parse(addressCreate, pick(a, Object.keys(addressCreate.pipe[0].entries)));
    }
  });

  it('every child validates', () => {
    for (const k of children) {
      k.parameters.forEach((p) => v.parse(parameter, p));
      k.extraFields.forEach((f) => v.parse(extraField, f));
      k.mandates.forEach((m) => v.parse(mandate, m));
      k.creditInsurances.forEach((i) => v.parse(creditInsurance, i));
      k.questions.forEach((q) => v.parse(question, q));
      v.parse(ledgerSummary, k.ledger);
      k.accruedInterest.forEach((r) => v.parse(accruedInterest, r));
    }
  });

  it('writes every date-time as ISO 8601 with seconds and Z', () => {
    const text = JSON.stringify([population.slice(0, 2_000), children]);
    const dates = text.match(/"\d{4}-\d{2}-\d{2}T[^"]*"/gu) ?? [];
    expect(dates.length).toBeGreaterThan(10_000);
    for (const d of dates) expect(d.slice(1, -1)).toMatch(ISO_SECONDS_Z);
  });

  it('fills the optional children somewhere in the population', () => {
    const some = (f: (k: CustomerChildren) => number) => children.filter((k) => f(k) > 0).length;
    expect(some((k) => k.parameters.length)).toBeGreaterThan(0);
    expect(some((k) => k.extraFields.length)).toBeGreaterThan(0);
    expect(some((k) => k.mandates.filter((m) => m.closedAt).length)).toBeGreaterThan(0);
    expect(some((k) => k.creditInsurances.length)).toBeGreaterThan(0);
    expect(some((k) => k.questions.length)).toBeGreaterThan(0);
    expect(some((k) => k.ledger.purchases?.length ?? 0)).toBeGreaterThan(0);
    expect(some((k) => k.ledger.myGuarantors?.length ?? 0)).toBeGreaterThan(0);
    expect(some((k) => k.accruedInterest.length)).toBeGreaterThan(0);
  });
});

describe('identifiers', () => {
  it('GUIDs are lowercase UUIDs, unique across 10,000 customers and their addresses', () => {
    const guids = population.flatMap((c) => [c.customerGuid, ...(c.addresses ?? []).map((a) => a.addressGuid)]);
    for (const g of guids) expect(g).toMatch(UUID);
    expect(new Set(guids).size).toBe(guids.length);
  });

  it('child GUIDs are UUIDs too', () => {
    for (const k of children) {
      const guids = [
        ...k.mandates.map((m) => m.mandateGuid),
        ...k.creditInsurances.map((i) => i.insuranceGuid),
        ...k.questions.map((q) => q.actionGuid),
        ...(k.ledger.invoices ?? []).map((i) => i.invoiceGuid),
        ...(k.ledger.accounts ?? []).map((a) => a.accountGuid),
      ];
      for (const g of guids) expect(g).toMatch(UUID);
    }
  });

  it('customer references are unique', () => {
    expect(new Set(population.map((c) => c.customerReference)).size).toBe(population.length);
  });

  it('Swedish personnummer match the birth date and gender and carry a valid Luhn digit', () => {
    const swedes = population.filter((c) => c.cultureCode === 'sv-SE' && c.juridicalType === 0);
    expect(swedes.length).toBeGreaterThan(4_000);
    for (const c of swedes) {
      const m = /^(\d{4})(\d{2})(\d{2})-(\d{3})(\d)$/u.exec(c.idNumber ?? '');
      expect(m, c.idNumber ?? '').not.toBeNull();
      const [, yyyy = '', mm = '', dd = '', serial = '', check = ''] = m ?? [];
      expect(c.dateOfBirth).toBe(`${yyyy}-${mm}-${dd}T00:00:00Z`);
      expect(luhnValid(`${yyyy.slice(2)}${mm}${dd}${serial}${check}`)).toBe(true);
      if (c.gender === 1) expect(Number(serial[2]) % 2).toBe(1);
      if (c.gender === 2) expect(Number(serial[2]) % 2).toBe(0);
    }
  });

  it('Swedish organisationsnummer carry a valid Luhn digit and match the VAT number', () => {
    const companies = population.filter((c) => c.cultureCode === 'sv-SE' && c.juridicalType === 1);
    for (const c of companies) {
      expect(c.idNumber).toMatch(/^\d{6}-\d{4}$/u);
      expect(luhnValid((c.idNumber ?? '').replace('-', ''))).toBe(true);
      if (c.vatNumber) expect(c.vatNumber).toBe(`SE${(c.idNumber ?? '').replace('-', '')}01`);
    }
  });

  it('Norwegian, Finnish and Danish numbers have their national shapes', () => {
    const byCulture = (culture: string, type: number) => population.filter((c) => c.cultureCode === culture && c.juridicalType === type).map((c) => c.idNumber ?? '');
    for (const id of byCulture('nb-NO', 0)) expect(id).toMatch(/^\d{11}$/u);
    for (const id of byCulture('nb-NO', 1)) expect(id).toMatch(/^[89]\d{8}$/u);
    for (const id of byCulture('fi-FI', 0)) {
      expect(id).toMatch(/^\d{6}[-A]\d{3}[0-9A-Y]$/u);
      expect('0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(id.slice(0, 6) + id.slice(7, 10)) % 31]).toBe(id[10]);
    }
    for (const id of byCulture('fi-FI', 1)) expect(id).toMatch(/^\d{7}-\d$/u);
    for (const id of byCulture('da-DK', 0)) expect(id).toMatch(/^\d{6}-\d{4}$/u);
    for (const id of byCulture('da-DK', 1)) expect(id).toMatch(/^\d{8}$/u);
  });
});

describe('realism', () => {
  it('mixes about 75% persons and 25% companies', () => {
    const persons = population.filter((c) => c.juridicalType === 0).length / population.length;
    expect(persons).toBeGreaterThan(0.72);
    expect(persons).toBeLessThan(0.78);
    expect(population.every((c) => c.juridicalType === 0 || c.juridicalType === 1)).toBe(true);
  });

  it('spreads customers over the four countries, most in Sweden', () => {
    const count = (code: string) => population.filter((c) => c.addresses?.[0]?.countryCode === code).length;
    const [se, no, fi, dk] = ['SE', 'NO', 'FI', 'DK'].map(count) as [number, number, number, number];
    expect(se + no + fi + dk).toBe(population.length);
    expect(Math.min(no, fi, dk)).toBeGreaterThan(500);
    expect(se).toBeGreaterThan(Math.max(no, fi, dk));
  });

  it('gives each customer one LEGAL default address and sometimes a second one', () => {
    for (const c of population) {
      const defaults = (c.addresses ?? []).filter((a) => a.defaultAddress);
      expect(defaults).toHaveLength(1);
      expect(defaults[0]?.addressType).toBe('LEGAL');
      expect(defaults[0]?.fullAddress).toBe(`${defaults[0]?.street} ${defaults[0]?.houseNo}${defaults[0]?.houseNoExtension ? ` ${defaults[0].houseNoExtension}` : ''}, ${defaults[0]?.zipCode} ${defaults[0]?.city}, ${defaults[0]?.countryCode}`);
    }
    const withSecond = population.filter((c) => (c.addresses?.length ?? 0) === 2).length / population.length;
    expect(withSecond).toBeGreaterThan(0.2);
    expect(withSecond).toBeLessThan(0.3);
  });

  it('keeps to the tenant: channels, currencies, example.* e-mail addresses', () => {
    for (const c of population) {
      expect(tenant.channels).toContain(c.preferredChannel);
      expect(tenant.channels).toContain(c.invoiceChannel);
      expect(tenant.currencies).toContain(c.currencyCode);
      if (c.email) {
        expect(c.email).toMatch(/@example\.(se|no|fi|dk)$/u);
        v.parse(email(), c.email);
      }
    }
    const withEmail = population.filter((c) => c.email).length / population.length;
    expect(withEmail).toBeGreaterThan(0.8);
    expect(withEmail).toBeLessThan(0.9);
    const insurers = Object.values(tenant.insuranceCompanies);
    for (const k of children) for (const i of k.creditInsurances) expect(insurers).toContain(i.insuranceCompanyName);
  });

  it('uses non-ASCII Nordic letters in names', () => {
    const names = population.map((c) => c.fullName).join(' ');
    for (const letter of ['å', 'ä', 'ö', 'ø', 'æ']) expect(names).toContain(letter);
  });

  it('links every resource to its own route', () => {
    for (const c of population.slice(0, 2_000)) {
      const [self] = c.links ?? [];
      expect(matchRoute(self?.method ?? '', self?.href ?? '')).toEqual({ operation: 'getCustomer', params: { guid: c.customerGuid } });
    }
    for (const k of children) {
      for (const m of k.mandates) expect(matchRoute('GET', m.links?.[0]?.href ?? '')).toMatchObject({ operation: 'getMandate', params: { directDebitGuid: m.mandateGuid } });
      for (const q of k.questions) expect(matchRoute('GET', q.links?.[0]?.href ?? '')).toMatchObject({ operation: 'getQuestion', params: { actionGuid: q.actionGuid } });
    }
  });
});

describe('ledger', () => {
  it('totalBalance is exactly the invoice balances plus the account balances', () => {
    population.slice(0, 2_000).forEach((c, i) => {
      const { ledger } = children[i] as CustomerChildren;
      const invoices = (ledger.invoices ?? []).reduce((sum, inv) => sum + cents(inv.balance), 0);
      const accounts = (ledger.accounts ?? []).reduce((sum, a) => sum + cents(a.balance), 0);
      expect(cents(ledger.accountBalance)).toBe(accounts);
      expect(cents(ledger.totalBalance)).toBe(invoices + accounts);
      expect(ledger.totalBalance).toBe((invoices + accounts) / 100);
      expect(ledger.currencyCode).toBe(c.currencyCode);
    });
  });

  it('rounds amounts to cents and pays off PAID invoices', () => {
    for (const { ledger } of children) {
      for (const inv of ledger.invoices ?? []) {
        for (const amount of [inv.originalAmount, inv.balance]) expect(cents(amount) / 100).toBe(amount);
        expect(['OPEN', 'PAID', 'OVERDUE', 'IN_COLLECTION']).toContain(inv.status);
        if (inv.status === 'PAID') expect(inv.balance).toBe(0);
        else expect(inv.balance).toBeGreaterThan(0);
        expect(inv.balance ?? 0).toBeLessThanOrEqual(inv.originalAmount ?? 0);
      }
    }
  });

  it('accrues interest as principal × rate × days / 365', () => {
    for (const k of children) {
      for (const row of k.accruedInterest) {
        const days = (Date.parse(row.toDate ?? '') - Date.parse(row.fromDate ?? '')) / 86_400_000 + 1;
        const expected = ((row.principal ?? 0) * (row.interestRate ?? 0) * days) / 100 / 365;
        expect(Math.abs((row.accruedInterest ?? 0) - expected)).toBeLessThanOrEqual(0.01);
        expect((k.ledger.accounts ?? []).map((a) => a.accountGuid)).toContain(row.loanGuid);
      }
      expect(k.accruedInterest.length).toBeLessThanOrEqual(5);
    }
  });
});

describe('scale', () => {
  // No time is asserted (tests never assert wall-clock); the timeout only stops a runaway.
  it('seeds 100,000 customers with unique GUIDs', { timeout: 60_000 }, () => {
    const all = seedCustomers(100_000, SEED);
    expect(all).toHaveLength(100_000);
    expect(new Set(all.map((c) => c.customerGuid)).size).toBe(100_000);
  });
});
