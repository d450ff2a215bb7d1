import type { ApiFailure, FailureKind } from '../../../shared/api';
import { summarizeErrors, type FieldErrors } from '../../../shared/api/validation';
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

/*
 * Why a queued change did not go, as the Pending changes page says it.
 *
 * Push and reconcile keep their reason in the entry's `lastFailure.message`, and entries are
 * persisted: in IndexedDB, in the main process's journal (whose schema is strict) and in the
 * exports users send to support. So the stored shape does not change: the message stays the
 * English sentence below, word for word (it still serves the logs and the exports), and the
 * page recognises it when it shows the entry, as it recognises a restored entry
 * (durability/restore.ts). Entries already on users' machines are recognised the same way, so
 * old and new ones read alike. NEVER reword these sentences: an entry stored with the old words
 * would no longer be recognised and would show them in English (test/sync/entry-messages.test.ts
 * pins them).
 *
 * Any other failure (the API client's, which quotes the server) is said by its kind; the
 * server's own words (its problem title and detail) are kept apart, as the detail.
 */

/** The English words push and reconcile store. Fixed: see above. */
export const storedReason = {
  questionClosed: 'The question is no longer open on the server (someone else answered or removed it)',
  parentGone: 'Its customer no longer exists on the server, so this cannot be saved there',
  appStopped: 'The app stopped while this change was being sent',
  notSent: (errors: FieldErrors): string => `Not sent: ${summarizeErrors(errors)}`,
  deletedOnServer: (noun: string): string =>
    `This ${noun} was deleted on the server after you edited it; your changes are kept here: discard them, or re-create it`,
  nameTaken: (noun: string, name: string): string =>
    `A ${noun} named '${name}' already exists on the server with other values; rename yours or discard it`,
} as const;

const deletedOnServerWords = /^This .+ was deleted on the server after you edited it; your changes are kept here: discard them, or re-create it$/su;
const nameTakenWords = /^A .+? named '(.*)' already exists on the server with other values; rename yours or discard it$/su;

/** A reason push or reconcile stored, in the user's words; null for any other failure. */
function storedReasonText({ kind, message }: Pick<ApiFailure, 'kind' | 'message'>): SyncText | null {
  switch (kind) {
    case 'validation':
      return message.startsWith('Not sent: ') ? syncTextOf('sync.entry.notSent') : null;
    case 'not-found':
      if (message === storedReason.questionClosed) return syncTextOf('sync.entry.questionClosed');
      if (message === storedReason.parentGone) return syncTextOf('sync.entry.parentGone');
      return deletedOnServerWords.test(message) ? syncTextOf('sync.entry.deletedOnServer') : null;
    case 'conflict': {
      const taken = nameTakenWords.exec(message);
      return taken ? syncTextOf('sync.entry.nameTaken', { name: taken[1] ?? '' }) : null;
    }
    case 'unknown-outcome':
      return message === storedReason.appStopped ? syncTextOf('sync.entry.appStopped') : null;
    default:
      return null;
  }
}

const reasonOfKind: Readonly<Record<FailureKind, SyncKey>> = {
  network: 'sync.entry.network',
  timeout: 'sync.entry.timeout',
  'rate-limited': 'sync.entry.busy',
  server: 'sync.entry.server',
  'unknown-outcome': 'sync.entry.unknownOutcome',
  unauthorized: 'sync.entry.unauthorized',
  'insecure-url': 'sync.entry.configure',
  validation: 'sync.entry.validation',
  forbidden: 'sync.entry.forbidden',
  'not-found': 'sync.entry.notFound',
  conflict: 'sync.entry.conflict',
  'bad-request': 'sync.entry.badRequest',
  'bad-response': 'sync.entry.badResponse',
};

/**
 * Why an entry's last attempt failed, in the user's words: the reason push or reconcile stored,
 * else what its kind means. null only for a kind this version does not know (an entry from a
 * journal written by another version), whose own message is then all there is to show.
 */
export function entryFailureText(failure: Pick<ApiFailure, 'kind' | 'message'>): SyncText | null {
  const stored = storedReasonText(failure);
  if (stored) return stored;
  const key = Object.hasOwn(reasonOfKind, failure.kind) ? reasonOfKind[failure.kind] : undefined;
  return key ? syncTextOf(key) : null;
}

/** What the server itself said about a failure (its problem title and detail), or null when it said nothing. */
export function serverWords(failure: Pick<ApiFailure, 'problem'>): string | null {
  const title = failure.problem?.title?.trim() ?? '';
  const detail = failure.problem?.detail?.trim() ?? '';
  if (!title || !detail || title === detail) return title || detail || null;
  return /[.!?:]$/u.test(title) ? `${title} ${detail}` : `${title}: ${detail}`;
}
