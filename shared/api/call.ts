import type { ListQuery } from './list-query';
import type { PathParams } from './paths';
import type { BodyOf, ListOperation, OperationName, ResultOf, Routes } from './routes';

/*
 * The shape of "call operation O": one signature for the main process's HTTP client, the
 * bridge that carries calls from the renderer, and the sync engine that makes them.
 */

/** The query an operation takes: list options, the service actions' `async` flag, or none. */
export type QueryOf<O extends OperationName> = O extends ListOperation
  ? ListQuery
  : Routes[O] extends { asyncFlag: true }
    ? { readonly async?: boolean }
    : undefined;

/** `(params, body, query)`; the body is required exactly when the operation takes one. */
export type CallArgs<O extends OperationName> = BodyOf<O> extends undefined
  ? [params: PathParams<O>, body?: undefined, query?: QueryOf<O>]
  : [params: PathParams<O>, body: BodyOf<O>, query?: QueryOf<O>];

/** Anything that can run an operation of the Customers API; rejects with an ApiError. */
export interface CustomersApi {
  call<O extends OperationName>(operation: O, ...args: CallArgs<O>): Promise<ResultOf<O>>;
}
