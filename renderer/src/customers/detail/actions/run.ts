import { failureOf, type ApiFailure } from '../../../../../shared/api/errors';
import type { CustomersApi } from '../../../../../shared/api/call';
import { validate } from '../../../../../shared/api/validation';
import { pathParam } from '../../../../../shared/ipc/api-call';
import { checkJson, type JsonError } from './json-text';

/*
 * Running a custom action: straight to the server through the bridge, never through the
 * outbox. It is not an edit of a cached record, so it cannot be queued, replayed or merged;
 * offline there is nothing to run it against, and the tab says so instead.
 */

/** The demo tenant's definitions; any other name may be typed. */
export const serviceSuggestions = ['SendReminder', 'RecalculateInterest', 'CreatePaymentPlan'];

export type ServiceScope = 'customer' | 'general';

export interface ServiceRequest {
  scope: ServiceScope;
  customerGuid: string;
  serviceDefinition: string;
  /** The JSON body as typed. */
  body: string;
  async: boolean;
}

export interface RequestProblems {
  serviceDefinition?: string[];
  body?: JsonError;
}

/** What keeps a request from being sent: the definition (a path segment) and the body (JSON). */
export function requestProblems(request: ServiceRequest): RequestProblems {
  const problems: RequestProblems = {};
  const definition = validate(pathParam, request.serviceDefinition.trim());
  if (!definition.ok) problems.serviceDefinition = Object.values(definition.errors).flat();
  const body = checkJson(request.body);
  if (!body.ok) problems.body = body.error;
  return problems;
}

export type ServiceOutcome =
  | { ok: true; value: unknown; ms: number; at: string }
  | { ok: false; failure: ApiFailure; ms: number; at: string };

/** Runs the action once and reports what the server said (or why it could not be asked). */
export async function runService(api: CustomersApi, request: ServiceRequest, now: () => number = Date.now): Promise<ServiceOutcome> {
  const checked = checkJson(request.body);
  if (!checked.ok) throw new Error('The body is not valid JSON');
  const serviceDefinition = request.serviceDefinition.trim();
  const query = { async: request.async };
  const started = now();
  const at = new Date(started).toISOString();
  try {
    const value = request.scope === 'customer'
      ? await api.call('invokeCustomerService', { customerGuid: request.customerGuid, serviceDefinition }, checked.value, query)
      : await api.call('invokeService', { serviceDefinition }, checked.value, query);
    return { ok: true, value, ms: now() - started, at };
  } catch (error) {
    const failure = failureOf(error) ?? { kind: 'bad-response', message: error instanceof Error ? error.message : String(error) };
    return { ok: false, failure, ms: now() - started, at };
  }
}
