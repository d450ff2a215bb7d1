import type { Customer } from '../../../shared/api/schemas';
import { buildPath } from '../../../shared/api/paths';
import { routes } from '../../../shared/api/routes';
import { seedAddresses } from './addresses';
import { countryWeights } from './countries';
import { DAY, SEED_TODAY, iso, officeHours } from './dates';
import { seedCompany, seedPerson } from './parties';
import { Random } from './random';
import type { Channel } from './tenant';

const COMPANY_RATE = 0.25;
const REFERENCE_BASE = 100_000;

/** "C-100042" for index 42: unique, and readable in the list. */
export const customerReference = (index: number): string => `C-${REFERENCE_BASE + index}`;

/** The seed index behind a reference, or null for a customer a user created (or renumbered). */
export function indexOfReference(reference: string | null | undefined): number | null {
  const match = /^C-(\d+)$/u.exec(reference ?? '');
  const index = match ? Number(match[1]) - REFERENCE_BASE : -1;
  return index >= 0 ? index : null;
}

/**
 * Customer number `index` of the population for `seed`. Each customer has its own keyed
 * generator, so one can be rebuilt alone (a related customer, a test) and a larger `count`
 * only appends customers: it never reshuffles the ones before.
 */
export function seedCustomer(index: number, seed: number): Customer {
  const rng = Random.fromKey(`customer:${seed}:${index}`);
  const country = rng.weighted(countryWeights);
  const isCompany = rng.chance(COMPANY_RATE);
  const customerGuid = rng.uuid();
  const regMs = officeHours(rng, SEED_TODAY - rng.int(1, 3652) * DAY);
  const home = rng.weighted(country.cities);
  const party = isCompany ? seedCompany(rng, country) : seedPerson(rng, country);

  const cellularPhone = rng.chance(isCompany ? 0.4 : 0.92) ? country.mobile(rng) : null;
  const homePhone = !isCompany && rng.chance(0.2) ? country.landline(rng, home.area) : null;
  const workPhone = isCompany || rng.chance(0.25) ? country.landline(rng, home.area) : null;
  const telefax = isCompany && rng.chance(0.03) ? country.landline(rng, home.area) : null;
  const hasEmail = party.email !== null;

  const preferredChannel = rng.weighted<Channel>([
    ['EMAIL', hasEmail ? 45 : 0],
    ['SMS', cellularPhone ? 15 : 0],
    ['LETTER', 25],
    ['E-INVOICE', isCompany ? 30 : 15],
  ]);
  const invoiceChannel = rng.weighted<Channel>([
    ['E-INVOICE', isCompany ? 60 : 35],
    ['EMAIL', hasEmail ? (isCompany ? 25 : 35) : 0],
    ['LETTER', isCompany ? 15 : 30],
  ]);

  return {
    customerGuid,
    customerReference: customerReference(index),
    idNumber: party.idNumber,
    juridicalType: party.juridicalType,
    placeOfBirth: party.placeOfBirth,
    dateOfBirth: party.dateOfBirth,
    gender: party.gender,
    cultureCode: country.culture,
    fullName: party.fullName,
    firstname: party.firstname,
    middlename: party.middlename,
    lastname: party.lastname,
    nameSuffix: null,
    contactPerson: party.contactPerson,
    domicile: home.name,
    municipalCode: home.municipality,
    vatNumber: party.vatNumber,
    companyType: party.companyType,
    glnNumber: party.glnNumber,
    naceCode: party.naceCode,
    homePhone,
    workPhone,
    cellularPhone,
    telefax,
    email: party.email,
    languageCode: country.language,
    currencyCode: country.currency,
    preferredChannel,
    underAged: party.underAged,
    invoiceChannel,
    regDate: iso(regMs),
    addresses: seedAddresses(rng, country, home, party.fullName, isCompany, regMs),
    links: [{ rel: 'self', href: buildPath('getCustomer', { guid: customerGuid }), method: routes.getCustomer.method }],
  };
}

export function seedCustomers(count: number, seed: number): Customer[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`seedCustomers: count must be a whole number >= 0, got ${count}`);
  const out: Customer[] = [];
  for (let i = 0; i < count; i++) out.push(seedCustomer(i, seed));
  return out;
}
