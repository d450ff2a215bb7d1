import { companyEmail, personEmail } from './contact';
import { industryWord, type CountryProfile } from './countries';
import { DAY, SEED_TODAY, iso, startOfDay } from './dates';
import { flat } from './flat';
import { gln } from './identity';
import { industries } from './names';
import type { Random } from './random';

/** The fields that make a customer a person or a company; the rest is common to both. */
export interface Party {
  juridicalType: 0 | 1;
  fullName: string;
  firstname: string | null;
  middlename: string | null;
  lastname: string | null;
  idNumber: string;
  gender: 0 | 1 | 2 | null;
  dateOfBirth: string | null;
  placeOfBirth: string | null;
  underAged: boolean | null;
  contactPerson: string | null;
  vatNumber: string | null;
  companyType: string | null;
  naceCode: string | null;
  glnNumber: string | null;
  email: string | null;
}

const YEAR = 365.25 * DAY;
const EMAIL_RATE = 0.85;

export function personName(rng: Random, country: CountryProfile, gender: 0 | 1 | 2): { first: string; middle: string | null; last: string } {
  const given = gender === 1 || (gender === 0 && rng.chance(0.5)) ? country.names.male : country.names.female;
  const first = rng.pick(given);
  // Nordic people often carry a second given name; avoid "Anna Anna".
  const second = rng.chance(0.15) ? rng.pick(given) : null;
  return { first, middle: second === first ? null : second, last: rng.pick(country.names.last) };
}

export function seedPerson(rng: Random, country: CountryProfile): Party {
  const gender = rng.weighted<0 | 1 | 2>([[1, 48], [2, 48], [0, 4]]);
  const { first, middle, last } = personName(rng, country, gender);
  // Adults only (18 to 90 today), born at midnight UTC so the date part is the birthday.
  const dob = startOfDay(SEED_TODAY - rng.int(Math.ceil(18 * YEAR + DAY), Math.floor(91 * YEAR - 2 * DAY)));
  return {
    juridicalType: 0,
    fullName: [first, middle, last].filter(Boolean).join(' '),
    firstname: first,
    middlename: middle,
    lastname: last,
    idNumber: country.personId(rng, new Date(dob), gender),
    gender,
    dateOfBirth: iso(dob),
    placeOfBirth: rng.chance(0.65) ? rng.weighted(country.cities).name : null,
    underAged: false,
    contactPerson: null,
    vatNumber: null,
    companyType: null,
    naceCode: null,
    glnNumber: null,
    email: rng.chance(EMAIL_RATE) ? personEmail(rng, first, last, country.tld) : null,
  };
}

export function seedCompany(rng: Random, country: CountryProfile): Party {
  const industry = rng.pick(industries);
  const trade = industryWord(country, industry);
  const surname = rng.pick(country.names.last);
  const companyType = rng.weighted(country.companyTypes);
  let words: string[];
  if (country.sonSuffix && rng.chance(0.1)) words = [surname, country.sonSuffix];
  else if (country.tradeFirst && rng.chance(0.5)) words = [trade, surname];
  else words = [rng.chance(0.5) ? rng.pick(country.names.companyPrefixes) : surname, trade];
  const orgId = country.orgId(rng);
  const contact = personName(rng, country, rng.chance(0.5) ? 1 : 2);
  return {
    juridicalType: 1,
    fullName: [...words, companyType].join(' '),
    firstname: null,
    middlename: null,
    lastname: null,
    idNumber: orgId,
    gender: null,
    dateOfBirth: null,
    placeOfBirth: null,
    underAged: null,
    contactPerson: flat`${contact.first} ${contact.last}`,
    vatNumber: rng.chance(0.85) ? country.vatNumber(orgId) : null,
    companyType,
    naceCode: industry.nace,
    glnNumber: rng.chance(0.15) ? gln(rng, country.glnPrefix) : null,
    email: rng.chance(EMAIL_RATE) ? companyEmail(rng, words, country.mailbox, country.tld) : null,
  };
}
