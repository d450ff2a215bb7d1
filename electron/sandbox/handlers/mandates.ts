import type { OperationName, schemas } from '../../../shared/api';
import { bodyOf, byGuid, created, customerOf, ok, selfLink, type Handler } from '../context';
import { pageOf, parseListQuery, select } from '../list';
import { notFound } from '../problem';

/*
 * Direct-debit mandates: create and read only (the API has no update or delete, so those
 * methods answer 405 from the router). The result has one account number, `bankAccountNo`:
 * the sandbox fills it with the payer's (sending) account, the one a mandate is about; the
 * receiving account is the creditor's own and is not echoed.
 */

type Mandate = schemas.Mandate;

const listMandates: Handler = (ctx) => {
  const record = customerOf(ctx);
  const request = parseListQuery(ctx.query, 'listMandates');
  return ok(pageOf(select(ctx.store.children(record).mandates, request, 'mandateGuid'), request));
};

const createMandate: Handler = (ctx) => {
  const body = bodyOf(ctx, 'createMandate');
  const record = customerOf(ctx);
  const mandateGuid = ctx.newId();
  const customerGuid = record.customer.customerGuid;
  const mandate: Mandate = {
    mandateGuid,
    directDebitMandateType: body.directDebitMandateType,
    referenceNo: body.referenceNo ?? null,
    bankAccountNo: body.sendingBankAccountNo ?? null,
    requestedAt: body.requestedAt ?? null,
    approvedAt: body.approvedAt ?? null,
    signedDate: body.signedDate ?? null,
    validfrom: body.validfrom ?? null,
    validuntil: body.validuntil ?? null,
    closedAt: null,
    links: [selfLink(ctx, 'getMandate', { customerGuid, directDebitGuid: mandateGuid })],
  };
  ctx.store.children(record).mandates.push(mandate);
  ctx.store.touch(record, 'children');
  return created(ctx, mandate, 'getMandate', { customerGuid, directDebitGuid: mandateGuid });
};

const getMandate: Handler = (ctx) => {
  const mandates = ctx.store.children(customerOf(ctx)).mandates;
  const guid = ctx.params['directDebitGuid'] ?? '';
  const index = byGuid(mandates, 'mandateGuid', guid);
  if (index < 0) throw notFound(`Direct-debit mandate '${guid}'`);
  return ok(mandates[index]);
};

export const mandateHandlers = {
  listMandates,
  createMandate,
  getMandate,
} satisfies Partial<Record<OperationName, Handler>>;
