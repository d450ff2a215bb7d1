import type { CreditInsurance, Mandate } from '../../../shared/api/schemas';
import { buildPath } from '../../../shared/api/paths';
import { routes } from '../../../shared/api/routes';
import { randomCents, toAmount, type ChildContext } from './context';
import { DAY, SEED_TODAY, dayBetween, iso, officeHours, startOfDay } from './dates';
import { iban } from './identity';
import { tenant } from './tenant';

/** Clearing numbers of the big Swedish banks and the account length that goes with each. */
const SWEDISH_ACCOUNTS = [['5212', 7], ['6112', 9], ['8327-9', 10], ['9960', 10], ['3000', 7]] as const;
const IBAN_LENGTH = { NO: 11, FI: 14, DK: 14 } as const;

function payerAccount(ctx: ChildContext): string {
  const { rng, country } = ctx;
  if (country.code === 'SE') {
    const [clearing, length] = rng.pick(SWEDISH_ACCOUNTS);
    return `${clearing}, ${rng.digits(length)}`;
  }
  return iban(rng, country.code, IBAN_LENGTH[country.code]);
}

/**
 * 0–2 mandates: Autogiro in Sweden, SEPA elsewhere. A second mandate replaces the first, so the
 * first is closed the day the second starts; any mandate may also have been cancelled.
 */
export function seedMandates(ctx: ChildContext): Mandate[] {
  const { rng, country, customer, customerGuid } = ctx;
  const count = rng.weighted([[0, 55], [1, 35], [2, 10]]);
  const payerNo = (customer.customerReference ?? '').replace(/\D/gu, '') || rng.digits(8);
  const out: Mandate[] = [];
  let earliest = ctx.since;
  for (let i = 0; i < count; i++) {
    const latestStart = SEED_TODAY - 45 * DAY;
    if (earliest > latestStart) break;
    const requestedAt = officeHours(rng, dayBetween(rng, earliest, latestStart));
    const approvedAt = officeHours(rng, requestedAt + rng.int(1, 5) * DAY);
    const validFrom = startOfDay(approvedAt) + DAY;
    const replaced = i < count - 1;
    const canClose = validFrom + 30 * DAY < SEED_TODAY;
    const closedAt = canClose && (replaced || rng.chance(0.15)) ? officeHours(rng, dayBetween(rng, validFrom + 30 * DAY, SEED_TODAY - DAY)) : null;
    const mandateGuid = rng.uuid();
    const type = country.code === 'SE' ? 1 : ctx.isCompany ? rng.weighted([[5, 8], [7, 2]]) : rng.weighted([[3, 8], [4, 2]]);
    out.push({
      mandateGuid,
      directDebitMandateType: type,
      referenceNo: type === 1 ? payerNo : `SEPA-${payerNo}-${String(i + 1).padStart(2, '0')}`,
      bankAccountNo: payerAccount(ctx),
      requestedAt: iso(requestedAt),
      approvedAt: iso(approvedAt),
      signedDate: iso(startOfDay(requestedAt) - rng.int(0, 3) * DAY),
      validfrom: iso(validFrom),
      validuntil: closedAt === null ? null : iso(startOfDay(closedAt)),
      closedAt: closedAt === null ? null : iso(closedAt),
      links: [{ rel: 'self', href: buildPath('getMandate', { customerGuid, directDebitGuid: mandateGuid }), method: routes.getMandate.method }],
    });
    if (closedAt === null) break; // a live mandate is never replaced
    earliest = startOfDay(closedAt);
  }
  return out;
}

const NOTES = ['Limit reviewed after the annual report.', 'Covers domestic sales only.', 'Limit raised for the seasonal peak.', 'Buyer under observation by the insurer.'];

/** Mostly companies: trade-credit insurance on private customers is rare. */
export function seedCreditInsurances(ctx: ChildContext): CreditInsurance[] {
  const { rng, customerGuid } = ctx;
  if (!rng.chance(ctx.isCompany ? 0.4 : 0.03)) return [];
  const insuranceGuid = rng.uuid();
  const amountCents = ctx.isCompany ? randomCents(ctx, 100_000, 2_000_000, 10_000) : randomCents(ctx, 20_000, 100_000, 5_000);
  const extra = rng.chance(0.2);
  return [
    {
      insuranceGuid,
      insuranceDate: iso(officeHours(rng, dayBetween(rng, ctx.since, SEED_TODAY - 30 * DAY))),
      insuranceCompanyName: rng.pick(Object.values(tenant.insuranceCompanies)),
      insuranceCompanyNumber: `P-${rng.digits(7)}`,
      insuranceCompanyCustomerNumber: rng.digits(8),
      note: rng.chance(0.3) ? rng.pick(NOTES) : null,
      endDate: rng.chance(0.7) ? iso(dayBetween(rng, SEED_TODAY + 30 * DAY, SEED_TODAY + 720 * DAY)) : null,
      currencyCode: ctx.currency,
      amount: toAmount(amountCents),
      extraLimitAmount: extra ? toAmount(Math.round((amountCents * rng.pick([0.1, 0.2, 0.25, 0.5])) / 100) * 100) : null,
      extraLimitEndDate: extra ? iso(dayBetween(rng, SEED_TODAY + 7 * DAY, SEED_TODAY + 120 * DAY)) : null,
      paymentTerm: 30,
      graceDays: 10,
      links: [{ rel: 'self', href: buildPath('getCreditInsurance', { customerGuid, insuranceGuid }), method: routes.getCreditInsurance.method }],
    },
  ];
}
