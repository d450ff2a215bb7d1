import type { CustomersApi } from '../../../shared/api/call';
import { failureOf } from '../../../shared/api/errors';
import type { OperationName } from '../../../shared/api/routes';
import type { EntityKind } from '../cache/records';
import { paramsOf, specs, type Row } from './entities';

/*
 * Calls made from an entry, whose operation is only known at run time. The typed facade of
 * CustomersApi needs the operation as a literal; here it is data from the entity table, so
 * the call goes through one untyped door. The API client still validates every body against
 * the route table before sending.
 */

type LooseCall = (operation: OperationName, params: Record<string, string>, body?: unknown, query?: unknown) => Promise<unknown>;

export function callLoose(api: CustomersApi, operation: OperationName, params: Record<string, string>, body?: unknown, query?: unknown): Promise<unknown> {
  return (api.call as unknown as LooseCall).call(api, operation, params, body, query);
}

/** GET one record; null when the server says it does not exist (404). Other failures throw. */
export async function readRecord(api: CustomersApi, entity: EntityKind, customerGuid: string, id: string): Promise<Row | null> {
  const operation = specs[entity].get;
  try {
    return (await callLoose(api, operation, paramsOf(entity, operation, customerGuid, id))) as Row;
  } catch (error) {
    if (failureOf(error)?.kind === 'not-found') return null;
    throw error;
  }
}
