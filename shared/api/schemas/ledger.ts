import * as v from 'valibot';
import { dateTime, text } from './common';

/*
 * The ledger summary and accrued interest are read-only. The reference shows their lists
 * without item fields, so the item shapes below are this project's reading of them; they are
 * loose objects, so fields a real tenant adds are kept, not dropped.
 */

const money = () => v.nullish(v.number());

export const invoice = v.looseObject({
  invoiceGuid: text(),
  invoiceNo: text(),
  invoiceDate: dateTime(),
  dueDate: dateTime(),
  originalAmount: money(),
  balance: money(),
  currencyCode: text(),
  status: text(),
});

export const ledgerAccount = v.looseObject({
  accountGuid: text(),
  accountNo: text(),
  accountType: text(),
  openedAt: dateTime(),
  balance: money(),
  currencyCode: text(),
});

export const purchase = v.looseObject({
  purchaseGuid: text(),
  purchaseDate: dateTime(),
  description: text(),
  amount: money(),
  currencyCode: text(),
});

export const guarantee = v.looseObject({
  guaranteeGuid: text(),
  description: text(),
  amount: money(),
  currencyCode: text(),
  validTo: dateTime(),
});

export const collateral = v.looseObject({
  collateralGuid: text(),
  collateralType: text(),
  description: text(),
  value: money(),
  currencyCode: text(),
});

export const relatedCustomer = v.looseObject({
  customerGuid: text(),
  fullName: text(),
  relation: text(),
});

export const ledgerSummary = v.object({
  totalBalance: money(),
  accountBalance: money(),
  currencyCode: text(),
  unsettledPaymentBalance: money(),
  purchases: v.nullish(v.array(purchase)),
  invoices: v.nullish(v.array(invoice)),
  accounts: v.nullish(v.array(ledgerAccount)),
  guarantees: v.nullish(v.array(guarantee)),
  collaterals: v.nullish(v.array(collateral)),
  myGuarantors: v.nullish(v.array(relatedCustomer)),
  guaranteeFor: v.nullish(v.array(relatedCustomer)),
  allRelatedCustomers: v.nullish(v.array(relatedCustomer)),
});
export type LedgerSummary = v.InferOutput<typeof ledgerSummary>;

/** One row of GET /loans/accruedinterest (a plain array, not an envelope). */
export const accruedInterest = v.looseObject({
  loanGuid: text(),
  loanNo: text(),
  fromDate: dateTime(),
  toDate: dateTime(),
  principal: money(),
  interestRate: money(),
  accruedInterest: money(),
  currencyCode: text(),
});
export type AccruedInterest = v.InferOutput<typeof accruedInterest>;
