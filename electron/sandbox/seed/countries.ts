import type { Customer } from '../../../shared/api/schemas';
import { phones } from './contact';
import {
  danishCpr,
  danishCvr,
  finnishBusinessId,
  finnishHetu,
  norwegianBirthNumber,
  norwegianOrgNumber,
  swedishOrgNumber,
  swedishPersonnummer,
} from './identity';
import { danishNames, finnishNames, norwegianNames, swedishNames, type Industry, type NameLists } from './names';
import { danishCities, danishStreets, finnishCities, finnishStreets, houseExtensions, norwegianCities, norwegianStreets, swedishCities, swedishStreets, type City } from './places';
import type { Random } from './random';
import { flat } from './flat';

export type CountryCode = 'SE' | 'NO' | 'FI' | 'DK';

/** Everything that differs by country, so the generators below it never branch on the country. */
export interface CountryProfile {
  readonly code: CountryCode;
  /** Share of the customer base. */
  readonly weight: number;
  readonly tld: string;
  readonly currency: string;
  readonly language: 'sv' | 'nb' | 'fi' | 'da';
  readonly culture: string;
  readonly names: NameLists;
  readonly cities: readonly (readonly [City, number])[];
  readonly streets: readonly string[];
  readonly houseExtension: { readonly rate: number; readonly values: readonly string[] };
  readonly companyTypes: readonly (readonly [string, number])[];
  /** "& Söner", "& Søn": the family-firm name; null where it is not idiomatic. */
  readonly sonSuffix: string | null;
  /** Finnish names usually put the trade first: "Rakennus Virtanen Oy". */
  readonly tradeFirst: boolean;
  /** The shared mailbox a company gives for invoices. */
  readonly mailbox: string;
  readonly glnPrefix: string;
  /** A unit of money in this currency is worth this many SEK, roughly: keeps amounts plausible. */
  readonly sekPerUnit: number;
  personId(rng: Random, dob: Date, gender: 0 | 1 | 2): string;
  orgId(rng: Random): string;
  vatNumber(orgId: string): string;
  mobile(rng: Random): string;
  landline(rng: Random, area: string): string;
}

const weighted = (cities: readonly City[]) => cities.map((c) => [c, c.weight] as const);
const digitsOnly = (s: string) => s.replace(/\D/gu, '');

const SE: CountryProfile = {
  code: 'SE', weight: 55, tld: 'se', currency: 'SEK', language: 'sv', culture: 'sv-SE',
  names: swedishNames, cities: weighted(swedishCities), streets: swedishStreets, houseExtension: houseExtensions.SE,
  companyTypes: [['AB', 1]], sonSuffix: '& Söner', tradeFirst: false, mailbox: 'ekonomi', glnPrefix: '73', sekPerUnit: 1,
  personId: swedishPersonnummer,
  orgId: swedishOrgNumber,
  vatNumber: (org) => flat`SE${digitsOnly(org)}01`,
  mobile: phones.SE.mobile,
  landline: phones.SE.landline,
};

const NO: CountryProfile = {
  code: 'NO', weight: 18, tld: 'no', currency: 'NOK', language: 'nb', culture: 'nb-NO',
  names: norwegianNames, cities: weighted(norwegianCities), streets: norwegianStreets, houseExtension: houseExtensions.NO,
  companyTypes: [['AS', 1]], sonSuffix: '& Sønn', tradeFirst: false, mailbox: 'post', glnPrefix: '70', sekPerUnit: 1,
  personId: norwegianBirthNumber,
  orgId: norwegianOrgNumber,
  vatNumber: (org) => flat`NO${org}MVA`,
  mobile: phones.NO.mobile,
  landline: phones.NO.landline,
};

const FI: CountryProfile = {
  code: 'FI', weight: 14, tld: 'fi', currency: 'EUR', language: 'fi', culture: 'fi-FI',
  names: finnishNames, cities: weighted(finnishCities), streets: finnishStreets, houseExtension: houseExtensions.FI,
  companyTypes: [['Oy', 1]], sonSuffix: null, tradeFirst: true, mailbox: 'laskutus', glnPrefix: '64', sekPerUnit: 11.5,
  personId: finnishHetu,
  orgId: finnishBusinessId,
  vatNumber: (org) => flat`FI${digitsOnly(org)}`,
  mobile: phones.FI.mobile,
  landline: phones.FI.landline,
};

const DK: CountryProfile = {
  code: 'DK', weight: 13, tld: 'dk', currency: 'DKK', language: 'da', culture: 'da-DK',
  names: danishNames, cities: weighted(danishCities), streets: danishStreets, houseExtension: houseExtensions.DK,
  companyTypes: [['ApS', 3], ['A/S', 1]], sonSuffix: '& Søn', tradeFirst: false, mailbox: 'bogholderi', glnPrefix: '57', sekPerUnit: 1.55,
  personId: danishCpr,
  orgId: danishCvr,
  vatNumber: (org) => flat`DK${org}`,
  mobile: phones.DK.mobile,
  landline: phones.DK.landline,
};

export const countries: Readonly<Record<CountryCode, CountryProfile>> = { SE, NO, FI, DK };
export const countryWeights = Object.values(countries).map((c) => [c, c.weight] as const);

export const industryWord = (profile: CountryProfile, industry: Industry): string => industry[profile.language];

/**
 * The profile a customer belongs to. Children are seeded lazily, possibly after the user edited
 * the customer, so read the most telling field still present and fall back to Sweden.
 */
export function countryOf(customer: Customer): CountryProfile {
  const legal = customer.addresses?.find((a) => a.defaultAddress) ?? customer.addresses?.[0];
  const byCode = (code: string | null | undefined) => (code && code in countries ? countries[code as CountryCode] : undefined);
  return (
    byCode(legal?.countryCode?.toUpperCase()) ??
    byCode(customer.cultureCode?.slice(-2).toUpperCase()) ??
    Object.values(countries).find((c) => c.currency === customer.currencyCode) ??
    SE
  );
}
