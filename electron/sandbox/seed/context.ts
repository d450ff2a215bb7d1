import type { Customer } from '../../../shared/api/schemas';
import { countries, countryOf, type CountryProfile } from './countries';
import { DAY, SEED_TODAY, parseDate } from './dates';
import { Random } from './random';

/** What every child generator needs to know about the customer it seeds for. */
export interface ChildContext {
  readonly rng: Random;
  readonly seed: number;
  readonly customer: Customer;
  readonly customerGuid: string;
  readonly country: CountryProfile;
  readonly currency: string;
  readonly isCompany: boolean;
  /** The customer's registration, clamped so there is at least a month of history to invent. */
  readonly since: number;
}

export function childContext(customer: Customer, seed: number): ChildContext {
  const country = countryOf(customer);
  // Keyed by the GUID, not the list position: children must not depend on which customer was touched first.
  const rng = Random.fromKey(`children:${seed}:${customer.customerGuid}`);
  return {
    rng,
    seed,
    customer,
    customerGuid: customer.customerGuid,
    country,
    currency: customer.currencyCode ?? country.currency,
    isCompany: customer.juridicalType === 1,
    since: Math.min(parseDate(customer.regDate, SEED_TODAY - 3 * 365 * DAY), SEED_TODAY - 30 * DAY),
  };
}

/**
 * A random amount in whole cents. The range and the rounding step are given in SEK and converted
 * to the customer's currency, so a Finnish invoice reads 85.40 EUR rather than 985.40 EUR and a
 * credit limit is a round 5 000 EUR rather than 4 347.83.
 */
export function randomCents(ctx: ChildContext, minSek: number, maxSek: number, stepSek = 0.01): number {
  const perUnit = Object.values(countries).find((c) => c.currency === ctx.currency)?.sekPerUnit ?? 1;
  const raw = (minSek + ctx.rng.float() * (maxSek - minSek)) / perUnit;
  const step = Math.round(niceStep(stepSek / perUnit) * 100);
  return Math.max(step, Math.round((raw * 100) / step) * step);
}

/** The nearest of 1, 2, 5 × 10^k, and never below a cent. */
function niceStep(units: number): number {
  if (units <= 0.01) return 0.01;
  const magnitude = 10 ** Math.floor(Math.log10(units));
  const scaled = units / magnitude;
  return magnitude * (scaled < 1.5 ? 1 : scaled < 3.5 ? 2 : scaled < 7.5 ? 5 : 10);
}

/** Cents back to the API's decimal amount: exact to two decimals because it starts from an integer. */
export const toAmount = (cents: number): number => cents / 100;
