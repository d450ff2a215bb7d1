import { ApiError, summarizeErrors, type FieldErrors } from '../../shared/api';
import type { BridgeFailure } from '../../shared/ipc';
import { VaultError, VaultUnavailableError } from '../credentials';

/*
 * Every way a handler can end, as a BridgeFailure: the renderer gets a kind it can act on and
 * a sentence it can show; the details of a bug go to main's log only.
 */

/** Thrown by a handler for a request that is well-formed but cannot be done (a duplicate name, an unknown profile). */
export class RequestError extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super(summarizeErrors(fieldErrors));
    this.name = 'RequestError';
  }
}

export const requestError = (field: string, message: string): RequestError => new RequestError({ [field]: [message] });

/** Thrown before a destructive action on a profile whose journal holds unsynced changes, without the user's confirmation. */
export class UnsyncedChangesError extends Error {
  constructor(readonly count: number) {
    super(`${count} change${count === 1 ? ' has' : 's have'} not reached the server yet. Export them first, or confirm that they may be lost.`);
    this.name = 'UnsyncedChangesError';
  }
}

const maxMessage = 500;

export function invalidRequest(fieldErrors: FieldErrors): BridgeFailure {
  const summary = summarizeErrors(fieldErrors);
  const text = `The request was not valid: ${summary || 'it does not match the contract'}.`;
  return { kind: 'invalid-request', message: text.length > maxMessage ? `${text.slice(0, maxMessage - 1)}…` : text, fieldErrors };
}

export function failureOfError(error: unknown, channel: string, log: (line: string) => void): BridgeFailure {
  if (error instanceof RequestError) return invalidRequest(error.fieldErrors);
  if (error instanceof UnsyncedChangesError) return { kind: 'unsynced-changes', message: error.message, count: error.count };
  // The client has already redacted its failures and logged them.
  if (error instanceof ApiError) return error.failure;
  // The vault's messages say where secrets are kept and what to install, never a secret.
  if (error instanceof VaultUnavailableError || error instanceof VaultError) {
    log(`bridge: ${channel}: ${error.name}: ${error.message}`);
    return { kind: 'vault-unavailable', message: error.message };
  }
  log(`bridge: ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return { kind: 'internal', message: 'Something went wrong in Fieldbook. The details are in the log; please report it.' };
}

/** Field errors of a form argument, relative to the form (`name`, not `input.name`). */
export function relativeTo(form: string | undefined, errors: FieldErrors): FieldErrors {
  if (!form) return errors;
  // A Map, then fromEntries: paths come from the renderer's keys, and no key may reach a prototype.
  const relative = new Map<string, string[]>();
  for (const [path, messages] of Object.entries(errors)) {
    const key = path === form ? '' : path.startsWith(`${form}.`) ? path.slice(form.length + 1) : path;
    relative.set(key, [...(relative.get(key) ?? []), ...messages]);
  }
  return Object.fromEntries(relative);
}

/** The failure with every occurrence of `value` (a secret the request carried) masked. */
export function withoutValue(failure: BridgeFailure, value: unknown): BridgeFailure {
  if (typeof value !== 'string' || value.length < 4) return failure;
  const mask = (text: string): string => text.split(value).join('[redacted]');
  const clean = JSON.parse(JSON.stringify(failure), (_key, item: unknown) => (typeof item === 'string' ? mask(item) : item)) as BridgeFailure;
  if (!('fieldErrors' in clean) || !clean.fieldErrors) return clean;
  return { ...clean, fieldErrors: Object.fromEntries(Object.entries(clean.fieldErrors).map(([k, m]) => [mask(k), m])) } as BridgeFailure;
}
