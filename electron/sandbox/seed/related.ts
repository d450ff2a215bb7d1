import type { Customer, LedgerSummary } from '../../../shared/api/schemas';
import { randomCents, toAmount, type ChildContext } from './context';
import { indexOfReference, seedCustomer } from './customers';
import { DAY, SEED_TODAY, dayBetween, iso } from './dates';

type Related = NonNullable<LedgerSummary['allRelatedCustomers']>[number];

export interface RelatedParts {
  guarantees: NonNullable<LedgerSummary['guarantees']>;
  collaterals: NonNullable<LedgerSummary['collaterals']>;
  myGuarantors: Related[];
  allRelatedCustomers: Related[];
}

const VEHICLES = ['Volvo XC60, 2021', 'Volkswagen ID.4, 2022', 'Toyota RAV4, 2019', 'Tesla Model Y, 2023', 'Škoda Octavia, 2020'];

/**
 * A related customer is an earlier seeded customer, rebuilt from its index: it exists whatever
 * the population size, and clicking through to it works. Relatives usually share a country, so
 * a few candidates are tried for one that does. The reverse side (`guaranteeFor`) is left
 * empty: a customer cannot know which later customers exist.
 */
function earlierCustomer(ctx: ChildContext, relation: (otherIsCompany: boolean) => string): Related | null {
  const index = indexOfReference(ctx.customer.customerReference);
  if (index === null || index === 0) return null;
  let other: Customer | undefined;
  for (let attempt = 0; attempt < 5 && other?.cultureCode !== ctx.customer.cultureCode; attempt++) {
    other = seedCustomer(index - ctx.rng.int(1, Math.min(index, 500)), ctx.seed);
  }
  if (!other || other.customerGuid === ctx.customerGuid) return null;
  return { customerGuid: other.customerGuid, fullName: other.fullName, relation: relation(other.juridicalType === 1) };
}

/** Guarantors, guarantees and collaterals: rare, as they are in a real consumer ledger. */
export function related(ctx: ChildContext): RelatedParts {
  const { rng, currency } = ctx;
  const guarantor = rng.chance(0.05) ? earlierCustomer(ctx, () => 'GUARANTOR') : null;
  const myGuarantors = guarantor ? [guarantor] : [];
  const guarantees = myGuarantors.map((g) => ({
    guaranteeGuid: rng.uuid(),
    description: `Guarantee from ${g.fullName ?? 'a related customer'}`,
    amount: toAmount(randomCents(ctx, 20_000, ctx.isCompany ? 500_000 : 150_000, 5_000)),
    currencyCode: currency,
    validTo: iso(dayBetween(rng, SEED_TODAY + 90 * DAY, SEED_TODAY + 3 * 365 * DAY)),
  }));

  const collaterals: RelatedParts['collaterals'] = [];
  if (rng.chance(0.04)) {
    const legal = ctx.customer.addresses?.find((a) => a.defaultAddress);
    const type = rng.weighted<'REAL_ESTATE' | 'VEHICLE' | 'DEPOSIT'>([['REAL_ESTATE', legal ? 4 : 0], ['VEHICLE', 4], ['DEPOSIT', 2]]);
    const description =
      type === 'REAL_ESTATE' ? `${ctx.isCompany ? 'Commercial property' : 'Detached house'}, ${legal?.street ?? ''} ${legal?.houseNo ?? ''}, ${legal?.city ?? ''}`.replace(/ +/gu, ' ')
      : type === 'VEHICLE' ? rng.pick(VEHICLES)
      : 'Pledged savings account';
    const [min, max] = type === 'REAL_ESTATE' ? [1_500_000, 8_000_000] : type === 'VEHICLE' ? [120_000, 550_000] : [10_000, 200_000];
    collaterals.push({ collateralGuid: rng.uuid(), collateralType: type, description, value: toAmount(randomCents(ctx, min, max, 1_000)), currencyCode: currency });
  }

  const other = rng.chance(0.03) ? earlierCustomer(ctx, (otherIsCompany) =>
    ctx.isCompany ? (otherIsCompany ? 'PARENT_COMPANY' : 'BENEFICIAL_OWNER') : otherIsCompany ? 'EMPLOYER' : 'CO_APPLICANT') : null;
  const allRelatedCustomers = [...myGuarantors, ...(other && other.customerGuid !== guarantor?.customerGuid ? [other] : [])];
  return { guarantees, collaterals, myGuarantors, allRelatedCustomers };
}
