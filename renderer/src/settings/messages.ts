import type { BridgeFailure } from '../../../shared/ipc';
import type { MessageKey } from '../i18n/en';
import { testFailureKey } from './form';

/*
 * What Settings says when main refuses or fails (the profiles cannot be read, a profile or a
 * secret was not saved, the switch to another profile did not happen, the test connection
 * failed): catalogue keys with their parameters, not sentences, so the screen says them with the
 * UI's `t` in the language the user has chosen, and says them again in the other language when
 * the user switches (as sync/messages.ts and durability/messages.ts do). What did not happen is
 * the headline; why is one sentence per kind of failure (shared/api/errors.ts for the API's
 * kinds, shared/ipc/result.ts for the bridge's own). Main's own words are English and technical:
 * they are kept, untranslated, as the detail for support, never as the sentence the user reads.
 */

export type SettingsKey = Extract<MessageKey, `settings.${string}`>;
export type SettingsParams = Readonly<Record<string, string | number>>;

/** A sentence for the user, to be said with `t(text.key, text.params)`. */
export interface SettingsText {
  readonly key: SettingsKey;
  readonly params?: SettingsParams;
}

export const settingsText = (key: SettingsKey, params?: SettingsParams): SettingsText => (params ? { key, params } : { key });

/** A failure as Settings shows it. */
export interface SettingsFailure {
  /** What did not happen ("The profile was not saved."); for a test connection, what went wrong. */
  readonly headline: SettingsText;
  /** Why, by the kind of failure, and what the user can do; null when the headline says it all. */
  readonly reason: SettingsText | null;
  /** Main's own words (with the HTTP status, when a server answered), for support: not translated. */
  readonly detail: string;
}

/** What the user was doing in Settings when main failed. */
export type SettingsAction =
  | 'load'
  | 'switch'
  | 'save'
  | 'secretStatus'
  | 'secretSave'
  | 'secretSaveAfterCreate'
  | 'secretClear'
  | 'storageStatus'
  | 'storageChange'
  | 'delete'
  | 'test';

const headlines: Readonly<Record<Exclude<SettingsAction, 'test'>, SettingsKey>> = {
  load: 'settings.loadError',
  switch: 'settings.failed.switch',
  save: 'settings.failed.save',
  secretStatus: 'settings.failed.secretStatus',
  secretSave: 'settings.failed.secretSave',
  secretSaveAfterCreate: 'settings.failed.secretAfterCreate',
  secretClear: 'settings.failed.secretClear',
  storageStatus: 'settings.failed.storageStatus',
  storageChange: 'settings.failed.storageChange',
  delete: 'settings.failed.delete',
};

/** Why a Settings action failed, in one sentence per kind of failure. */
export function failureReason(failure: BridgeFailure): SettingsText {
  switch (failure.kind) {
    case 'invalid-request':
    case 'validation':
    case 'bad-request':
    case 'conflict':
      return settingsText('settings.failure.refused');
    case 'forbidden-sender':
      return settingsText('settings.failure.sender');
    case 'vault-unavailable':
      return settingsText('settings.failure.vault');
    case 'unsynced-changes':
      return settingsText('settings.failure.unsynced', { count: failure.count });
    case 'internal':
      return settingsText('settings.failure.internal');
    case 'rate-limited':
      return settingsText('settings.failure.busy');
    // The server's answers: the same sentences the test connection says.
    default:
      return settingsText(testFailureKey(failure));
  }
}

/** Main's words for a failure, as support needs them: its sentence, and the server's status and words when it answered. */
export function failureDetail(failure: BridgeFailure): string {
  const lines = [failure.message];
  if ('status' in failure && failure.status !== undefined && !failure.message.includes(String(failure.status))) lines.push(`HTTP ${failure.status}`);
  const problem = 'problem' in failure ? failure.problem : undefined;
  const words = problem?.detail?.trim() || problem?.title?.trim();
  if (words && !failure.message.includes(words)) lines.push(words);
  return lines.join('\n');
}

/** A failure of `action` as Settings shows it: what did not happen, why (by kind), main's words apart. */
export function settingsFailure(action: SettingsAction, failure: BridgeFailure): SettingsFailure {
  if (action === 'test') return { headline: settingsText(testFailureKey(failure)), reason: null, detail: failureDetail(failure) };
  return { headline: settingsText(headlines[action]), reason: failureReason(failure), detail: failureDetail(failure) };
}

/**
 * Thrown where a failure has to travel as an exception (a confirmation dialog's action): the
 * dialog shows `failure` as Settings shows any other; `message` is main's English, for logs.
 */
export class SettingsFailureError extends Error {
  override readonly name = 'SettingsFailureError';
  constructor(readonly failure: SettingsFailure) {
    super(failure.detail);
  }
}

/** The failure inside a SettingsFailureError, or null for any other error. */
export const settingsFailureOf = (error: unknown): SettingsFailure | null => (error instanceof SettingsFailureError ? error.failure : null);
