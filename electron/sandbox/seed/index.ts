/*
 * Deterministic, realistic Nordic demo data for the embedded sandbox server.
 *
 * Customers are seeded eagerly and cheaply; everything below a customer is seeded lazily, the
 * first time the server needs it, from a generator keyed by (seed, customerGuid), so the result
 * never depends on the order in which customers are opened.
 */
import type {
  AccruedInterest,
  CreditInsurance,
  Customer,
  ExtraField,
  LedgerSummary,
  Mandate,
  Parameter,
  Question,
} from '../../../shared/api/schemas';
import { seedCreditInsurances, seedMandates } from './banking';
import { childContext } from './context';
import { seedLedger } from './ledger';
import { seedExtraFields, seedParameters } from './profile-fields';
import { seedQuestions } from './questions';

export { seedCustomer, seedCustomers } from './customers';
export { SEED_TODAY } from './dates';
export { tenant, type Tenant } from './tenant';

export interface CustomerChildren {
  parameters: Parameter[];
  extraFields: ExtraField[];
  mandates: Mandate[];
  creditInsurances: CreditInsurance[];
  questions: Question[];
  ledger: LedgerSummary;
  accruedInterest: AccruedInterest[];
}

/** Lazy and deterministic: the same (customer, seed) always gives the same children. */
export function seedChildren(customer: Customer, seed: number): CustomerChildren {
  const ctx = childContext(customer, seed);
  // The order of the calls below is part of the seed's output: append new generators at the end.
  const parameters = seedParameters(ctx);
  const extraFields = seedExtraFields(ctx);
  const mandates = seedMandates(ctx);
  const creditInsurances = seedCreditInsurances(ctx);
  const { ledger, accruedInterest } = seedLedger(ctx);
  const questions = seedQuestions(ctx, { ledger, creditInsurances });
  return { parameters, extraFields, mandates, creditInsurances, questions, ledger, accruedInterest };
}
