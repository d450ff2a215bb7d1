import type { CreditInsurance, LedgerSummary, Question, QuestionOption } from '../../../shared/api/schemas';
import { buildPath } from '../../../shared/api/paths';
import { routes } from '../../../shared/api/routes';
import type { ChildContext } from './context';
import { DAY, SEED_TODAY, dayBetween, iso, officeHours } from './dates';

/** What a question may refer to, so its message matches the rest of the customer's data. */
export interface QuestionFacts {
  readonly ledger: LedgerSummary;
  readonly creditInsurances: readonly CreditInsurance[];
}

interface QuestionKind {
  readonly code: string;
  readonly category: readonly [code: string, description: string];
  readonly allowPostpone: boolean;
  readonly responses: readonly QuestionOption[];
  /** The message, or null when the customer's data gives no reason to ask. */
  message(ctx: ChildContext, facts: QuestionFacts): string | null;
}

const option = (code: string, description: string): QuestionOption => ({ code, description });

const KINDS: readonly QuestionKind[] = [
  {
    code: 'CONFIRM_ADDRESS',
    category: ['ADDRESS', 'Address management'],
    allowPostpone: true,
    responses: [option('YES', 'Confirmed'), option('NO', 'Address is wrong')],
    message: (c) => {
      const legal = c.customer.addresses?.find((a) => a.defaultAddress);
      return legal?.fullAddress ? `Mail to ${legal.fullAddress} was returned as undeliverable. Confirm that the address is still correct.` : null;
    },
  },
  {
    code: 'VERIFY_PHONE',
    category: ['CONTACT', 'Contact details'],
    allowPostpone: true,
    responses: [option('YES', 'Verified'), option('NO', 'Wrong number'), option('NO_ANSWER', 'No answer')],
    message: (c) => {
      const phone = c.customer.cellularPhone ?? c.customer.workPhone ?? c.customer.homePhone;
      return phone ? `Three reminder calls to ${phone} went unanswered. Verify the number with the customer.` : null;
    },
  },
  {
    code: 'CONFIRM_EMAIL',
    category: ['CONTACT', 'Contact details'],
    allowPostpone: true,
    responses: [option('YES', 'Confirmed'), option('NO', 'Declined')],
    message: (c) => (c.customer.email ? `An invoice e-mail to ${c.customer.email} bounced. Confirm the e-mail address.` : null),
  },
  {
    code: 'PAYMENT_PLAN_OFFER',
    category: ['COLLECTION', 'Collection'],
    allowPostpone: false,
    responses: [option('ACCEPT', 'Accepted'), option('DECLINE', 'Declined'), option('CALLBACK', 'Call back later')],
    message: (c, f) => {
      const overdue = (f.ledger.invoices ?? []).filter((i) => i.status === 'OVERDUE' || i.status === 'IN_COLLECTION');
      if (overdue.length === 0) return null;
      const months = c.rng.pick([3, 6, 12]);
      const plural = overdue.length === 1 ? 'invoice' : 'invoices';
      return `The customer has ${overdue.length} overdue ${plural}. Offer a payment plan over ${months} monthly instalments.`;
    },
  },
  {
    code: 'REVIEW_CREDIT_LIMIT',
    category: ['CREDIT', 'Credit management'],
    allowPostpone: true,
    responses: [option('KEEP', 'Keep the current limit'), option('LOWER', 'Lower the limit'), option('BLOCK', 'Block new orders')],
    message: (c, f) => {
      const insurance = f.creditInsurances[0];
      if (!insurance?.amount) return null;
      return `${insurance.insuranceCompanyName ?? 'The credit insurer'} has put the insured limit of ${insurance.amount.toFixed(2)} ${c.currency} under review. Decide on the customer's credit limit.`;
    },
  },
  {
    code: 'KYC_UPDATE',
    category: ['COMPLIANCE', 'Know your customer'],
    allowPostpone: true,
    responses: [option('DONE', 'Updated'), option('REFUSED', 'Customer refused')],
    message: () => 'The know-your-customer information is more than 24 months old. Ask the customer to update it.',
  },
];

/** 0–2 open questions, each one the customer's own data gives a reason for. */
export function seedQuestions(ctx: ChildContext, facts: QuestionFacts): Question[] {
  const { rng, customerGuid } = ctx;
  const count = rng.weighted([[0, 60], [1, 30], [2, 10]]);
  const out: Question[] = [];
  for (const kind of rng.sample(KINDS, KINDS.length)) {
    if (out.length >= count) break;
    const message = kind.message(ctx, facts);
    if (message === null) continue;
    const loggedAt = officeHours(rng, dayBetween(rng, Math.max(ctx.since, SEED_TODAY - 30 * DAY), SEED_TODAY - DAY));
    const actionGuid = rng.uuid();
    out.push({
      actionGuid,
      loggedAt: iso(loggedAt),
      processAt: iso(officeHours(rng, loggedAt + rng.int(1, 14) * DAY)),
      actionItemCode: kind.code,
      message,
      allowPostpone: kind.allowPostpone,
      actionCategoryCode: kind.category[0],
      actionCategoryDescription: kind.category[1],
      responses: kind.responses.map((r) => ({ ...r })),
      links: [{ rel: 'self', href: buildPath('getQuestion', { customerGuid, actionGuid }), method: routes.getQuestion.method }],
    });
  }
  return out;
}
