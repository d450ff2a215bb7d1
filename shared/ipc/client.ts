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
type Args<C extends InvokeChannel> = NonNullable<InvokeArgs<C>[0]>;

/** The user agreed to go on although changes have not reached the server (after being offered an export). */
export interface UnsyncedConfirmation {
  readonly confirmUnsynced?: boolean;
}

export interface BridgeClient {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Result<C>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly app: { info(): Result<'app.info'> };
  readonly profiles: {
    list(): Result<'profiles.list'>;
    create(input: Args<'profiles.create'>['input']): Result<'profiles.create'>;
    update(id: string, input: Args<'profiles.update'>['input']): Result<'profiles.update'>;
    /** Fails with 'unsynced-changes' while the profile has unsynced changes, unless `confirmUnsynced`. */
    remove(id: string, options?: UnsyncedConfirmation): Result<'profiles.remove'>;
    activate(id: string): Result<'profiles.activate'>;
    test(id: string): Result<'profiles.test'>;
  };
  readonly credentials: {
    status(profileId: string): Result<'credentials.status'>;
    set(profileId: string, kind: SecretKindName, value: string): Result<'credentials.set'>;
    /** Signing out; fails with 'unsynced-changes' like profiles.remove, unless `confirmUnsynced`. */
    clear(profileId: string, kind: SecretKindName, options?: UnsyncedConfirmation): Result<'credentials.clear'>;
    /**
     * The Settings switch "allow unprotected storage of secrets". Turning it on needs the user's
     * confirmation of the risk (`confirmRisk: true`); main refuses it otherwise. Answers with the store now in use.
     */
    allowUnprotected(allow: boolean, confirmation?: { confirmRisk: true }): Result<'credentials.allowUnprotected'>;
  };
  /** The profile's outbox journal in main (renderer/src/durability mirrors the outbox into it). */
  readonly journal: {
    append(profileId: string, records: Args<'journal.append'>['records']): Result<'journal.append'>;
    read(profileId: string): Result<'journal.read'>;
    /** Main shows a save dialog; `path` is null when the user cancelled. */
    export(profileId: string, entries?: Args<'journal.export'>['entries']): Result<'journal.export'>;
    clear(profileId: string, confirmation: { confirm: true }): Result<'journal.clear'>;
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
      remove: (id, options) => typed('profiles.remove', { id, ...confirmed(options) }),
      activate: (id) => typed('profiles.activate', { id }),
      test: (id) => typed('profiles.test', { id }),
    },
    credentials: {
      status: (profileId) => typed('credentials.status', { profileId }),
      set: (profileId, kind, value) => typed('credentials.set', { profileId, kind, value }),
      clear: (profileId, kind, options) => typed('credentials.clear', { profileId, kind, ...confirmed(options) }),
      allowUnprotected: (allow, confirmation) =>
        typed('credentials.allowUnprotected', { allow, ...(confirmation ? { confirmRisk: confirmation.confirmRisk } : {}) }),
    },
    journal: {
      append: (profileId, records) => typed('journal.append', { profileId, records }),
      read: (profileId) => typed('journal.read', { profileId }),
      export: (profileId, entries) => typed('journal.export', { profileId, ...(entries === undefined ? {} : { entries }) }),
      clear: (profileId, { confirm }) => typed('journal.clear', { profileId, confirm }),
    },
    connectivity: { check: () => typed('connectivity.check') },
    api: {
      call: call as <O extends OperationName>(operation: O, ...args: CallArgs<O>) => Promise<ResultOf<O>>,
    },
  };
}

const confirmed = (options: UnsyncedConfirmation | undefined): { confirmUnsynced?: boolean } =>
  options?.confirmUnsynced === undefined ? {} : { confirmUnsynced: options.confirmUnsynced };

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
