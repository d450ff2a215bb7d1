import { ApiError, failureKinds, type ApiFailure } from '../api/errors';
import { routes, type OperationName, type ResultOf } from '../api/routes';
import type { CallArgs, CustomersApi } from '../api/call';
import type { ChannelResult, EventPayload, FieldbookWindowApi, InvokeArgs } from './contract';
import type { EventName, InvokeChannel } from './names';
import { fail, isBridgeResult, type BridgeFailure, type BridgeResult } from './result';
import type { SecretKindName } from './schemas';

/*
 * The renderer's side of the bridge, pure so that it runs against the preload, the e2e
 * harness or a test double alike. The settings screens get BridgeResults (a form shows the
 * failure); the sync engine gets a CustomersApi that rejects with an ApiError, whose kind alone
 * tells it whether to retry, reconcile, re-authenticate or give up.
 */

/** `window.fieldbook`, or anything with its shape. */
export interface BridgeTransport {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

type Result<C extends InvokeChannel> = Promise<BridgeResult<ChannelResult<C>>>;
type Args<C extends InvokeChannel> = InvokeArgs<C>[0];

export interface BridgeClient {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Result<C>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly app: { info(): Result<'app.info'> };
  readonly profiles: {
    list(): Result<'profiles.list'>;
    create(input: Args<'profiles.create'>['input']): Result<'profiles.create'>;
    update(id: string, input: Args<'profiles.update'>['input']): Result<'profiles.update'>;
    remove(id: string): Result<'profiles.remove'>;
    activate(id: string): Result<'profiles.activate'>;
    test(id: string): Result<'profiles.test'>;
  };
  readonly credentials: {
    status(profileId: string): Result<'credentials.status'>;
    set(profileId: string, kind: SecretKindName, value: string): Result<'credentials.set'>;
    clear(profileId: string, kind: SecretKindName): Result<'credentials.clear'>;
  };
  readonly connectivity: { check(): Result<'connectivity.check'> };
  /** The Customers API through main: rejects with an ApiError, as the main process's client does. */
  readonly api: CustomersApi;
}

export function createBridgeClient(transport: BridgeTransport | FieldbookWindowApi): BridgeClient {
  const raw = transport as BridgeTransport;

  async function invoke(channel: InvokeChannel, args?: unknown): Promise<BridgeResult<unknown>> {
    try {
      const answer = await raw.invoke(channel, args);
      if (isBridgeResult(answer)) return answer;
      return fail({ kind: 'internal', message: 'The main process answered with something that is not a result.' });
    } catch (error) {
      // Electron rejects when an argument cannot be cloned or main is gone; never seen in normal use.
      const reason = error instanceof Error ? error.message : String(error);
      return fail({ kind: 'internal', message: `The main process could not be asked (${reason}).` });
    }
  }
  const typed = invoke as BridgeClient['invoke'];

  async function call(operation: OperationName, ...args: unknown[]): Promise<unknown> {
    const [params, body, query] = args;
    const request = { operation, params: params ?? {}, ...(body === undefined ? {} : { body }), ...(query === undefined ? {} : { query }) };
    const result = await invoke('api.call', request);
    if (result.ok) return result.value;
    throw new ApiError(apiFailureOf(result.failure, operation));
  }

  return {
    invoke: typed,
    on: (event, listener) => raw.on(event, listener as (payload: unknown) => void),
    app: { info: () => typed('app.info') },
    profiles: {
      list: () => typed('profiles.list'),
      create: (input) => typed('profiles.create', { input }),
      update: (id, input) => typed('profiles.update', { id, input }),
      remove: (id) => typed('profiles.remove', { id }),
      activate: (id) => typed('profiles.activate', { id }),
      test: (id) => typed('profiles.test', { id }),
    },
    credentials: {
      status: (profileId) => typed('credentials.status', { profileId }),
      set: (profileId, kind, value) => typed('credentials.set', { profileId, kind, value }),
      clear: (profileId, kind) => typed('credentials.clear', { profileId, kind }),
    },
    connectivity: { check: () => typed('connectivity.check') },
    api: {
      call: call as <O extends OperationName>(operation: O, ...args: CallArgs<O>) => Promise<ResultOf<O>>,
    },
  };
}

/**
 * A bridge failure as an ApiFailure, for the sync engine. A refused request was not sent
 * ('validation'); a vault that cannot give out secrets needs the user ('unauthorized'); an
 * internal error may have happened after a write was sent, so a write's outcome is unknown.
 */
export function apiFailureOf(failure: BridgeFailure, operation: OperationName): ApiFailure {
  if ((failureKinds as readonly string[]).includes(failure.kind)) return { operation, ...(failure as ApiFailure) };
  const base = { operation, message: failure.message };
  switch (failure.kind) {
    case 'invalid-request':
      return { ...base, kind: 'validation', ...(failure.fieldErrors ? { fieldErrors: failure.fieldErrors } : {}) };
    case 'forbidden-sender':
      return { ...base, kind: 'forbidden' };
    case 'vault-unavailable':
      return { ...base, kind: 'unauthorized' };
    default:
      return { ...base, kind: routes[operation].method === 'GET' ? 'server' : 'unknown-outcome' };
  }
}
