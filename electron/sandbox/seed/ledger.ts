import type { AccruedInterest, LedgerSummary } from '../../../shared/api/schemas';
import { randomCents, toAmount, type ChildContext } from './context';
import { DAY, SEED_TODAY, dayBetween, iso, monthStart, officeHours } from './dates';
import { related } from './related';

type Invoice = NonNullable<LedgerSummary['invoices']>[number];
type Account = NonNullable<LedgerSummary['accounts']>[number];
type Status = 'OPEN' | 'PAID' | 'OVERDUE' | 'IN_COLLECTION';

/** An invoice before it is numbered: numbers follow the dates, which are known only once all are drawn. */
interface InvoiceDraft {
  readonly guid: string;
  readonly date: number;
  readonly originalCents: number;
  readonly balanceCents: number;
  readonly status: Status;
}

const PAYMENT_TERM_DAYS = 30;
/** How old (in days, at SEED_TODAY) an invoice of each status can be: at least, at most. */
const AGE_DAYS: Readonly<Record<Status, readonly [number, number]>> = {
  PAID: [31, 400],
  OPEN: [0, PAYMENT_TERM_DAYS - 1],
  OVERDUE: [PAYMENT_TERM_DAYS + 1, 75],
  IN_COLLECTION: [76, 240],
};
const RATES = [3.95, 4.95, 5.95, 6.45, 7.95, 8.95, 9.95, 11.95, 14.95];
const PERSON_PURCHASES = ['Mobile phone, instalment purchase', 'Washing machine', 'Sofa and armchair', 'Electric bicycle', 'Television 65"', 'Broadband subscription'];
const COMPANY_PURCHASES = ['Office furniture', 'Forklift lease', 'IT hardware', 'Workwear', 'Fleet service agreement', 'Packaging material'];

/**
 * The status decides the dates, so an OVERDUE invoice really is past its due date at SEED_TODAY;
 * a status the customer is too new for is not drawn.
 */
function invoice(ctx: ChildContext): InvoiceDraft {
  const { rng } = ctx;
  const ageDays = Math.floor((SEED_TODAY - ctx.since) / DAY);
  const feasible = (status: Status, weight: number) => [status, AGE_DAYS[status][0] <= ageDays ? weight : 0] as const;
  const status = rng.weighted([feasible('PAID', 40), feasible('OPEN', 30), feasible('OVERDUE', 20), feasible('IN_COLLECTION', 10)]);
  const [minAge, maxAge] = AGE_DAYS[status];
  const date = dayBetween(rng, Math.max(ctx.since, SEED_TODAY - maxAge * DAY), SEED_TODAY - minAge * DAY);
  const original = ctx.isCompany ? randomCents(ctx, 2_000, 250_000) : randomCents(ctx, 150, 12_000);
  const partlyPaid = status !== 'PAID' && rng.chance(0.2);
  const balance = status === 'PAID' ? 0 : partlyPaid ? Math.max(1, Math.round(original * rng.pick([0.25, 0.5, 0.75]))) : original;
  return { guid: rng.uuid(), date, originalCents: original, balanceCents: balance, status };
}

function toInvoice(ctx: ChildContext, draft: InvoiceDraft, invoiceNo: string): Invoice {
  return {
    invoiceGuid: draft.guid,
    invoiceNo,
    invoiceDate: iso(draft.date),
    dueDate: iso(draft.date + PAYMENT_TERM_DAYS * DAY),
    originalAmount: toAmount(draft.originalCents),
    balance: toAmount(draft.balanceCents),
    currencyCode: ctx.currency,
    status: draft.status,
  };
}

interface AccountFacts {
  readonly account: Account;
  readonly balanceCents: number;
  readonly rate: number;
  readonly monthlyAmortisationCents: number;
  readonly openedAt: number;
}

function account(ctx: ChildContext, type: 'LOAN' | 'CREDIT'): AccountFacts {
  const { rng } = ctx;
  const openedAt = officeHours(rng, dayBetween(rng, ctx.since, SEED_TODAY - 30 * DAY));
  const balance = type === 'LOAN'
    ? (rng.chance(0.1) ? 0 : randomCents(ctx, ctx.isCompany ? 100_000 : 20_000, ctx.isCompany ? 2_500_000 : 350_000))
    : (rng.chance(0.3) ? 0 : randomCents(ctx, 500, ctx.isCompany ? 150_000 : 30_000));
  return {
    balanceCents: balance,
    rate: rng.pick(RATES),
    monthlyAmortisationCents: type === 'LOAN' ? Math.round(balance * rng.pick([0.005, 0.01, 0.02])) : 0,
    openedAt,
    account: {
      accountGuid: rng.uuid(),
      accountNo: `${type === 'LOAN' ? '71' : '45'}${rng.digits(8)}`,
      accountType: type,
      openedAt: iso(openedAt),
      balance: toAmount(balance),
      currencyCode: ctx.currency,
    },
  };
}

/**
 * The ledger: 0–6 invoices, 1–2 accounts, and sometimes purchases, guarantees and collaterals.
 * Balances are summed in whole cents, so `totalBalance` is exactly invoices + accounts; payments
 * not yet matched to an invoice are shown apart, in `unsettledPaymentBalance`.
 */
export function seedLedger(ctx: ChildContext): { ledger: LedgerSummary; accruedInterest: AccruedInterest[] } {
  const { rng } = ctx;
  const drawn = Array.from({ length: rng.weighted([[0, 15], [1, 20], [2, 20], [3, 18], [4, 12], [5, 8], [6, 7]]) }, () => invoice(ctx));
  drawn.sort((a, b) => a.date - b.date);
  // Invoice numbers grow with the date, with other customers' invoices numbered in between.
  let invoiceNo = rng.int(1_000_000, 8_000_000);
  const invoices: Invoice[] = [];
  for (const draft of drawn) {
    invoiceNo += rng.int(1, 400);
    invoices.push(toInvoice(ctx, draft, String(invoiceNo)));
  }
  const accounts = [account(ctx, rng.chance(0.6) ? 'LOAN' : 'CREDIT')];
  if (rng.chance(0.35)) accounts.push(account(ctx, accounts[0]?.account.accountType === 'LOAN' ? 'CREDIT' : 'LOAN'));

  const invoiceCents = drawn.reduce((sum, i) => sum + i.balanceCents, 0);
  const accountCents = accounts.reduce((sum, a) => sum + a.balanceCents, 0);
  const purchases = rng.chance(0.3)
    ? Array.from({ length: rng.int(1, 3) }, () => ({
        purchaseGuid: rng.uuid(),
        purchaseDate: iso(officeHours(rng, dayBetween(rng, ctx.since, SEED_TODAY - DAY))),
        description: rng.pick(ctx.isCompany ? COMPANY_PURCHASES : PERSON_PURCHASES),
        amount: toAmount(ctx.isCompany ? randomCents(ctx, 5_000, 400_000) : randomCents(ctx, 1_000, 40_000)),
        currencyCode: ctx.currency,
      }))
    : [];
  const relations = related(ctx);

  return {
    ledger: {
      totalBalance: toAmount(invoiceCents + accountCents),
      accountBalance: toAmount(accountCents),
      currencyCode: ctx.currency,
      unsettledPaymentBalance: rng.chance(0.1) ? toAmount(randomCents(ctx, 100, 5_000)) : 0,
      purchases,
      invoices,
      accounts: accounts.map((a) => a.account),
      guarantees: relations.guarantees,
      collaterals: relations.collaterals,
      myGuarantors: relations.myGuarantors,
      guaranteeFor: [],
      allRelatedCustomers: relations.allRelatedCustomers,
    },
    accruedInterest: accruedInterest(ctx, accounts),
  };
}

/**
 * Up to five monthly rows for the loans, oldest first, ending with last month (fromDate and
 * toDate are its first and last day). The principal was higher before each amortisation; the
 * interest is principal × rate × days / 365.
 */
function accruedInterest(ctx: ChildContext, accounts: readonly AccountFacts[]): AccruedInterest[] {
  const rows: AccruedInterest[] = [];
  for (const loan of accounts) {
    if (loan.account.accountType !== 'LOAN' || loan.balanceCents === 0) continue;
    const months = Math.min(ctx.rng.int(1, 4), 5 - rows.length);
    for (let back = months; back >= 1; back--) {
      const from = monthStart(SEED_TODAY, -back);
      const to = monthStart(SEED_TODAY, -back + 1);
      if (from < monthStart(loan.openedAt, 1)) continue; // the loan did not exist for the whole month
      const principal = loan.balanceCents + loan.monthlyAmortisationCents * (back - 1);
      const days = Math.round((to - from) / DAY);
      rows.push({
        loanGuid: loan.account.accountGuid,
        loanNo: loan.account.accountNo,
        fromDate: iso(from),
        toDate: iso(to - DAY),
        principal: toAmount(principal),
        interestRate: loan.rate,
        accruedInterest: toAmount(Math.round((principal * loan.rate * days) / 100 / 365)),
        currencyCode: ctx.currency,
      });
    }
  }
  return rows;
}
