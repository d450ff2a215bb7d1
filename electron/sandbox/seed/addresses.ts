import type { Address } from '../../../shared/api/schemas';
import type { CountryProfile } from './countries';
import { DAY, SEED_TODAY, dayBetween, iso, officeHours, startOfDay } from './dates';
import type { City } from './places';
import type { Random } from './random';
import { flat } from './flat';

const SECOND_ADDRESS_RATE = 0.25;

interface Period {
  readonly from: number;
  readonly to: number | null;
}

function address(rng: Random, country: CountryProfile, city: City, type: string, isDefault: boolean, fullName: string, period: Period): Address {
  const street = rng.pick(country.streets);
  const houseNo = String(rng.int(1, rng.chance(0.7) ? 40 : 160));
  const ext = rng.chance(country.houseExtension.rate) ? rng.pick(country.houseExtension.values) : null;
  const zipCode = rng.pick(city.zips);
  const lastUpdatedAt = officeHours(rng, dayBetween(rng, period.from, SEED_TODAY - DAY));
  return {
    addressGuid: rng.uuid(),
    addressType: type,
    fullName,
    street,
    houseNo,
    houseNoExtension: ext,
    city: city.name,
    zipCode,
    stateCode: null,
    countryCode: country.code,
    fullAddress: flat`${street} ${houseNo}${ext ? ` ${ext}` : ''}, ${zipCode} ${city.name}, ${country.code}`,
    // Rare on purpose: returned mail is an exception a collector has to act on.
    addressNotValidDate: isDefault && rng.chance(0.02) ? iso(officeHours(rng, dayBetween(rng, SEED_TODAY - 60 * DAY, SEED_TODAY - DAY))) : null,
    defaultAddress: isDefault,
    validFrom: iso(period.from),
    validTo: period.to === null ? null : iso(period.to),
    validatedAt: rng.chance(0.6) ? iso(lastUpdatedAt) : null,
    validOverride: null,
    lastUpdatedAt: iso(lastUpdatedAt),
  };
}

/**
 * The LEGAL default address, and for a quarter of customers a second one: an invoice or delivery
 * address for a company, an invoice or temporary (summer) address for a person.
 */
export function seedAddresses(rng: Random, country: CountryProfile, home: City, fullName: string, isCompany: boolean, regMs: number): Address[] {
  const regDay = startOfDay(regMs);
  // Most customers still live where they registered; some have moved since.
  const legalFrom = rng.chance(0.7) ? regDay : dayBetween(rng, regDay, SEED_TODAY - 7 * DAY);
  const out = [address(rng, country, home, 'LEGAL', true, fullName, { from: legalFrom, to: null })];
  if (rng.chance(SECOND_ADDRESS_RATE)) {
    const type = isCompany ? rng.weighted([['INVOICE', 6], ['DELIVERY', 4]]) : rng.weighted([['INVOICE', 4], ['TEMPORARY', 6]]);
    const city = rng.chance(0.6) ? rng.weighted(country.cities) : home;
    const from = type === 'TEMPORARY' ? dayBetween(rng, Math.max(regDay, SEED_TODAY - 300 * DAY), SEED_TODAY - 7 * DAY) : dayBetween(rng, regDay, SEED_TODAY - 7 * DAY);
    const to = type === 'TEMPORARY' ? from + rng.int(60, 270) * DAY : null;
    out.push(address(rng, country, city, type, false, fullName, { from, to }));
  }
  return out;
}
