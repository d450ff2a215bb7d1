import type { OperationName, schemas } from '../../../shared/api';
import {
  assignPresent, bodyOf, byGuid, created, customerOf, noContent, ok, selfLink,
  type Handler, type RequestContext,
} from '../context';
import { pageOf, parseListQuery, select } from '../list';
import { ErrorCollector, notFound } from '../problem';
import type { CustomerRecord } from '../model';

/*
 * Credit insurances. The company is chosen by its reference code, which must be one of the
 * tenant's insurance companies (exact case, like channels); the result names the company.
 * The sandbox requires the code although the reference marks it optional: an insurance
 * without an insurer has no meaning, and the result's company name would be empty.
 */

type CreditInsurance = schemas.CreditInsurance;

function insurancesOf(ctx: RequestContext, record: CustomerRecord): CreditInsurance[] {
  return ctx.store.children(record).creditInsurances;
}

function indexOf(ctx: RequestContext, items: readonly CreditInsurance[]): number {
  const guid = ctx.params['insuranceGuid'] ?? '';
  const index = byGuid(items, 'insuranceGuid', guid);
  if (index < 0) throw notFound(`Credit insurance '${guid}'`);
  return index;
}

function checkCurrency(ctx: RequestContext, currencyCode: string | null | undefined, errors: ErrorCollector): void {
  const { currencies } = ctx.store.tenant;
  if (currencyCode != null && !currencies.includes(currencyCode)) errors.add('currencyCode', `Must be one of ${currencies.join(', ')}`);
}

const listCreditInsurances: Handler = (ctx) => {
  const record = customerOf(ctx);
  const request = parseListQuery(ctx.query, 'listCreditInsurances');
  return ok(pageOf(select(insurancesOf(ctx, record), request, 'insuranceGuid'), request));
};

const createCreditInsurance: Handler = (ctx) => {
  const { insuranceCompanyReferenceCode: code, ...body } = bodyOf(ctx, 'createCreditInsurance');
  const record = customerOf(ctx);
  const companies = ctx.store.tenant.insuranceCompanies;
  const errors = new ErrorCollector();
  if (code == null || !Object.hasOwn(companies, code)) {
    errors.add('insuranceCompanyReferenceCode', `Must be one of ${Object.keys(companies).join(', ')}`);
  }
  checkCurrency(ctx, body.currencyCode, errors);
  errors.throwIfAny();

  const insuranceGuid = ctx.newId();
  const customerGuid = record.customer.customerGuid;
  const insurance: CreditInsurance = {
    insuranceGuid,
    insuranceDate: ctx.now(),
    insuranceCompanyName: companies[code as string] ?? null,
    insuranceCompanyNumber: body.insuranceCompanyNumber ?? null,
    insuranceCompanyCustomerNumber: body.insuranceCompanyCustomerNumber ?? null,
    note: body.note ?? null,
    endDate: body.endDate ?? null,
    currencyCode: body.currencyCode ?? null,
    amount: body.amount ?? null,
    extraLimitAmount: body.extraLimitAmount ?? null,
    extraLimitEndDate: body.extraLimitEndDate ?? null,
    paymentTerm: body.paymentTerm ?? null,
    graceDays: body.graceDays ?? null,
    links: [selfLink(ctx, 'getCreditInsurance', { customerGuid, insuranceGuid })],
  };
  insurancesOf(ctx, record).push(insurance);
  ctx.store.touch(record, 'children');
  return created(ctx, insurance, 'getCreditInsurance', { customerGuid, insuranceGuid });
};

const getCreditInsurance: Handler = (ctx) => {
  const items = insurancesOf(ctx, customerOf(ctx));
  return ok(items[indexOf(ctx, items)]);
};

const updateCreditInsurance: Handler = (ctx) => {
  const body = bodyOf(ctx, 'updateCreditInsurance');
  const record = customerOf(ctx);
  const items = insurancesOf(ctx, record);
  const insurance = items[indexOf(ctx, items)] as CreditInsurance;
  const errors = new ErrorCollector();
  checkCurrency(ctx, body.currencyCode, errors);
  errors.throwIfAny();
  assignPresent(insurance, body);
  ctx.store.touch(record, 'children');
  return noContent();
};

const deleteCreditInsurance: Handler = (ctx) => {
  const record = customerOf(ctx);
  const items = insurancesOf(ctx, record);
  items.splice(indexOf(ctx, items), 1);
  ctx.store.touch(record, 'children');
  return noContent();
};

export const creditInsuranceHandlers = {
  listCreditInsurances,
  createCreditInsurance,
  getCreditInsurance,
  updateCreditInsurance,
  deleteCreditInsurance,
} satisfies Partial<Record<OperationName, Handler>>;
