import type { OperationName } from '../../../shared/api';
import { customerOf, ok, type Handler, type RequestContext } from '../context';
import { invalid, notFound } from '../problem';

/*
 * Custom service actions ("any JSON in, any JSON out"). The sandbox knows a few definitions
 * (matched case-insensitively) and echoes what it received, so a client can see its request
 * arrive intact. `?async=true` still answers 200, as the route table says, with a `jobId`
 * and status 'Queued' instead of a result: nothing in the API lets a client poll a job, so a
 * 202 would promise more than exists.
 */

export const knownServiceDefinitions = ['SendReminder', 'RecalculateInterest', 'CreatePaymentPlan'] as const;

function readAsync(ctx: RequestContext): boolean {
  const values = ctx.query.getAll('async');
  if (values.length === 0) return false;
  const [value] = values;
  if (values.length > 1 || (value !== 'true' && value !== 'false')) throw invalid({ async: ['Must be true or false'] });
  return value === 'true';
}

function invoke(ctx: RequestContext, customerGuid?: string): ReturnType<Handler> {
  const isAsync = readAsync(ctx);
  const requested = ctx.params['serviceDefinition'] ?? '';
  const definition = knownServiceDefinitions.find((d) => d.toLowerCase() === requested.toLowerCase());
  if (!definition) throw notFound(`Service definition '${requested}'`);
  const base = { serviceDefinition: definition, async: isAsync, ...(customerGuid ? { customerGuid } : {}) };
  // A missing body arrives as undefined; echo it as null so the answer stays JSON.
  const received = ctx.body === undefined ? null : ctx.body;
  return ok(isAsync ? { ...base, jobId: ctx.newId(), status: 'Queued' } : { ...base, received, result: 'OK' });
}

const invokeCustomerService: Handler = (ctx) => invoke(ctx, customerOf(ctx).customer.customerGuid);

const invokeService: Handler = (ctx) => invoke(ctx);

export const serviceHandlers = {
  invokeCustomerService,
  invokeService,
} satisfies Partial<Record<OperationName, Handler>>;
