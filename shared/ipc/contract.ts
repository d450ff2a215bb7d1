import * as v from 'valibot';
import { apiCallArgs } from './api-call';
import type { EventName, InvokeChannel } from './names';
import type { BridgeResult } from './result';
import * as s from './schemas';

/*
 * THE bridge contract: every channel the renderer may invoke, with the schema of its arguments
 * and of its result, and every event main may send, with the schema of its payload. The main
 * process validates against it, the preload and the e2e harness allow exactly its names, and
 * every type the renderer sees is inferred from it.
 */

interface ChannelDefinition {
  readonly args: v.GenericSchema;
  readonly result: v.GenericSchema;
  /**
   * The argument that holds a form's fields: its field errors are reported relative to it
   * (`name`, not `input.name`), as the form names them.
   */
  readonly form?: string;
}

export const invokeContract = {
  'app.info': { args: s.noArgs, result: s.appInfoSchema },
  'profiles.list': { args: s.noArgs, result: s.profilesListSchema },
  'profiles.create': { args: s.profileFormArgs, result: s.connectionProfileSchema, form: 'input' },
  'profiles.update': { args: s.profileUpdateArgs, result: s.connectionProfileSchema, form: 'input' },
  /** Fails with 'unsynced-changes' while the profile's journal holds unsynced changes, unless `confirmUnsynced`. */
  'profiles.remove': { args: s.profileRemoveArgs, result: s.profileRemovedSchema },
  'profiles.activate': { args: s.profileIdArgs, result: s.connectionProfileSchema },
  /** Pings the profile's gateway with its credentials; a failed ping is the call's ApiFailure. */
  'profiles.test': { args: s.profileIdArgs, result: s.pingSchema },
  'credentials.status': { args: s.credentialProfileArgs, result: s.credentialStatusSchema },
  'credentials.set': { args: s.credentialSetArgs, result: s.credentialStatusSchema },
  /** Signing out: fails with 'unsynced-changes' like profiles.remove, unless `confirmUnsynced`. */
  'credentials.clear': { args: s.credentialClearArgs, result: s.credentialStatusSchema },
  /**
   * The Settings switch "allow unprotected storage of secrets": remembered on this computer, in
   * effect at once; on only with `confirmRisk: true`. Turning it off deletes secrets that were
   * stored unprotected. Answers with the secret store now in use.
   */
  'credentials.allowUnprotected': { args: s.vaultUnprotectedArgs, result: s.vaultBackendSchema },
  /** Any of the 36 operations, on the active profile; the result is the operation's (ResultOf). */
  'api.call': { args: apiCallArgs, result: v.unknown() },
  /** Probes the active profile's gateway now. */
  'connectivity.check': { args: s.noArgs, result: s.connectivityReportSchema },
  /** Appends outbox changes to the profile's journal; answers once they are fsynced. */
  'journal.append': { args: s.journalAppendArgs, result: s.journalAppendedSchema },
  /** The journal's live entries: the profile's unsynced changes as last mirrored. */
  'journal.read': { args: s.journalProfileArgs, result: s.journalContentSchema },
  /** Asks the user where to save (main's dialog) and writes the pending changes there as readable JSON. */
  'journal.export': { args: s.journalExportArgs, result: s.journalExportedSchema },
  /** Empties the journal; only with `confirm: true` (the user agreed to lose what it holds). */
  'journal.clear': { args: s.journalClearArgs, result: s.journalClearedSchema },
} as const satisfies Record<InvokeChannel, ChannelDefinition>;

export const eventContract = {
  /** The active profile's gateway became reachable, unreachable, or refused its credentials. */
  'connectivity.changed': s.connectivityReportSchema,
  /** Whether the active profile's credentials work: missing, refused by the gateway, or accepted. */
  'auth.changed': s.authChangedSchema,
  /** A profile was created, edited, removed or activated: read profiles.list again. */
  'profiles.changed': s.profilesChangedSchema,
} as const satisfies Record<EventName, v.GenericSchema>;

type Contract = typeof invokeContract;

/** What the renderer passes. */
export type ArgsOf<C extends InvokeChannel> = v.InferInput<Contract[C]['args']>;
/** What a handler in main receives: the arguments after validation (defaults applied, text trimmed). */
export type CheckedArgsOf<C extends InvokeChannel> = v.InferOutput<Contract[C]['args']>;
export type ChannelResult<C extends InvokeChannel> = v.InferOutput<Contract[C]['result']>;
export type EventPayload<E extends EventName> = v.InferOutput<(typeof eventContract)[E]>;

/** The arguments tuple: channels that take none may be invoked with none. */
export type InvokeArgs<C extends InvokeChannel> = undefined extends ArgsOf<C> ? [args?: ArgsOf<C>] : [args: ArgsOf<C>];

/** One event as it travels from main to the preload: `{ name, payload }`. */
export type BridgeEvent = { [E in EventName]: { readonly name: E; readonly payload: EventPayload<E> } }[EventName];

/**
 * `window.fieldbook`, as the preload (and the e2e harness) define it. The renderer declares it on
 * its Window and hands it to createBridgeClient().
 */
export interface FieldbookWindowApi {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<BridgeResult<ChannelResult<C>>>;
  /** Returns the function that unsubscribes. The listener gets the payload only, never an IPC event. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export type AppInfo = ChannelResult<'app.info'>;
export type ProfilesListing = ChannelResult<'profiles.list'>;
export type CredentialStatus = ChannelResult<'credentials.status'>;
export type VaultBackend = ChannelResult<'credentials.allowUnprotected'>;
export type ConnectivityReport = EventPayload<'connectivity.changed'>;
export type AuthState = EventPayload<'auth.changed'>['state'];
