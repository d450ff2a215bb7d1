import type { ApiFailure } from '../../../shared/api';
import type { MessageKey } from '../i18n/en';

/*
 * What the sync engine and its status tell the user (why a sync paused or stopped, detail that
 * could not be downloaded, a queue that could not be read) is a catalogue key with its
 * parameters, not a sentence: the status pill says it with the UI's `t`, in the language the
 * user has chosen, and says it again in the other language when the user switches. The engine
 * runs under Node in tests, where the UI's rune based i18n cannot, so it never translates
 * itself (the durability module does the same: durability/messages.ts). The keys are the
 * catalogue's `sync.*` keys: a key en.ts or sv.ts lacks fails the type check.
 *
 * What cannot be translated (the server's own words, an exception's text) goes in as the
 * `detail` parameter, for whoever reads it to support.
 */

export type SyncKey = Extract<MessageKey, `sync.${string}`>;
export type SyncParams = Readonly<Record<string, string | number>>;

/** A sentence for the user, to be said with `t(text.key, text.params)`. */
export interface SyncText {
  readonly key: SyncKey;
  readonly params?: SyncParams;
}

export const syncTextOf = (key: SyncKey, params?: SyncParams): SyncText => (params ? { key, params } : { key });

/** The server's own words for a failure, with its HTTP status when it answered. */
function detailOf(failure: ApiFailure): string {
  const words = failure.problem?.detail?.trim() || failure.problem?.title?.trim() || failure.message;
  return failure.status ? `HTTP ${failure.status}: ${words}` : words;
}

/** Why a sync stopped on an API failure, in words for the user (what happened, what follows). */
export function syncFailureText(failure: ApiFailure): SyncText {
  switch (failure.kind) {
    case 'network':
      return syncTextOf('sync.failed.network');
    case 'timeout':
      return syncTextOf('sync.failed.timeout');
    case 'rate-limited':
      return syncTextOf('sync.failed.busy');
    case 'unauthorized':
      return syncTextOf('sync.paused.reauth');
    case 'insecure-url':
      return syncTextOf('sync.paused.configure');
    case 'forbidden':
      return syncTextOf('sync.failed.forbidden');
    case 'server':
    case 'unknown-outcome':
    case 'bad-response':
      return syncTextOf('sync.failed.server', { detail: detailOf(failure) });
    case 'validation':
    case 'not-found':
    case 'conflict':
    case 'bad-request':
      return syncTextOf('sync.failed.refused', { detail: detailOf(failure) });
  }
}

/** The technical words of anything else that was thrown (an IndexedDB error, a bug). */
export function errorDetail(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name && error.name !== 'Error' && !error.message.startsWith(error.name) ? `${error.name}: ${error.message}` : error.message;
}

/** A sync that stopped on something that is not an API failure. */
export const unexpectedSyncText = (error: unknown): SyncText => syncTextOf('sync.failed.unexpected', { detail: errorDetail(error) });
