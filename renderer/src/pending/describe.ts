import type { ApiFailure } from '../../../shared/api/errors';
import type { EntityKind, OutboxEntry } from '../cache/records';
import { restoredFailureText } from '../durability/restore';
import { localizeMessage } from '../forms/messages';
import { dependenciesOf, waitReason } from '../outbox';
import { entryFailureText, serverWords } from '../sync/messages';
import { fieldLabel } from './fields';
import { inSentence, type Words } from './words';

/*
 * Every queued change in words, and where it stands. A field worker must be able to read the
 * Pending changes page like a to-do list: WHAT each change does ("Update customer Anna
 * Lindqvist: e-mail, mobile phone"), whether it is waiting, going, retrying (and when), or
 * stuck on them, and why. Plain functions, so the sentences are unit-tested.
 */

/** What the page knows about the records the entries touch. */
export interface DescribeContext {
  /** Customer names by lower-cased GUID (the working copy, else the last server version, else the queued create). */
  names: ReadonlyMap<string, string>;
  /** A short label of a child record ("Storgatan 1, Lund") by entity key, where one is known. */
  recordLabels?: ReadonlyMap<string, string>;
}

export interface EntryDescription {
  /** "Update customer Anna Lindqvist" */
  action: string;
  /** The fields it sets, as labels: ["e-mail", "mobile phone"] */
  fields: string[];
  /** The action and its fields as one sentence. */
  sentence: string;
}

const bodyOf = (entry: OutboxEntry): Record<string, unknown> => (entry.body && !Array.isArray(entry.body) ? entry.body : {});

/** The name shown for a customer: never blank, never a bare "undefined". */
export function customerName(context: DescribeContext, customerGuid: string): string {
  return context.names.get(customerGuid.toLowerCase()) || `${customerGuid.slice(0, 8)}…`;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The child record in words: "parameter “Risk”", "address “Storgatan 1, Lund”", or just "address". */
function thing(entry: OutboxEntry, context: DescribeContext, words: Words): string {
  const noun = words.t(`pending.thing.${entry.entity as Exclude<EntityKind, 'customer'>}`);
  const body = bodyOf(entry);
  let label = context.recordLabels?.get(entry.entityKey) ?? '';
  if (!label) {
    switch (entry.entity) {
      case 'parameter':
      case 'extraField':
        label = entry.id;
        break;
      case 'address':
        label = [text(body['street']) && [text(body['street']), text(body['houseNo'])].filter(Boolean).join(' '), text(body['city'])].filter(Boolean).join(', ');
        break;
      case 'mandate':
        label = text(body['referenceNo']);
        break;
      case 'creditInsurance':
        label = text(body['insuranceCompanyReferenceCode']);
        break;
      default:
        break;
    }
  }
  return label ? words.t('pending.thing.named', { thing: noun, label }) : noun;
}

export function describeEntry(entry: OutboxEntry, context: DescribeContext, words: Words): EntryDescription {
  const name = customerName(context, entry.customerGuid);
  const body = bodyOf(entry);
  let action: string;
  let fields: string[] = [];
  if (entry.op === 'respond') {
    const postpone = !text(body['response']) && body['postponeTo'];
    action = words.t(postpone ? 'pending.do.postpone' : 'pending.do.respond', { name });
    fields = postpone ? [] : [text(body['response'])].filter(Boolean).map((code) => `“${code}”`);
  } else if (entry.entity === 'customer') {
    action = words.t(`pending.do.${entry.op}.customer`, { name });
  } else {
    action = words.t(`pending.do.${entry.op}`, { name, thing: thing(entry, context, words) });
  }
  if (entry.op === 'update') {
    // Each field once, in the order the user changed them (a body's key order).
    fields = [...new Set(Object.keys(body).map((field) => inSentence(fieldLabel(entry.entity, field, words))))];
  }
  const sentence = fields.length ? words.t('pending.sentence', { action, fields: fields.join(', ') }) : action;
  return { action, fields, sentence };
}

/** Where an entry stands, as the page shows it. */
export type EntryStatus =
  | { kind: 'pending'; attempts: number }
  | { kind: 'sending' }
  /** Found `sending` while no sync runs: it may have reached the server; the next sync looks before sending again. */
  | { kind: 'checking' }
  | { kind: 'retrying'; at: number; attempts: number }
  | { kind: 'waiting-parent' }
  | { kind: 'waiting-children' }
  /** Behind an earlier change of the same record: entries of one record go in order. */
  | { kind: 'queued' }
  | { kind: 'conflict' }
  | { kind: 'attention' };

export type StatusKind = EntryStatus['kind'];

/**
 * The status of every entry, by seq. `syncing`: a push is running now (an entry in `sending`
 * is then really on the wire; otherwise its outcome is being checked).
 */
export function statusesOf(entries: readonly OutboxEntry[], now: number, syncing: boolean): Map<number, EntryStatus> {
  const sorted = [...entries].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const deps = dependenciesOf(sorted);
  const heads = new Set<string>();
  const out = new Map<number, EntryStatus>();
  for (const entry of sorted) {
    const head = !heads.has(entry.entityKey);
    heads.add(entry.entityKey);
    out.set(entry.seq ?? 0, statusOf(entry, head, deps, now, syncing));
  }
  return out;
}

function statusOf(entry: OutboxEntry, head: boolean, deps: ReturnType<typeof dependenciesOf>, now: number, syncing: boolean): EntryStatus {
  if (entry.state === 'conflict') return { kind: 'conflict' };
  if (entry.state === 'attention') return { kind: 'attention' };
  if (entry.state === 'sending') return syncing ? { kind: 'sending' } : { kind: 'checking' };
  if (!head) return { kind: 'queued' };
  switch (waitReason(entry, deps, now)) {
    case 'parent-create':
      return { kind: 'waiting-parent' };
    case 'children':
      return { kind: 'waiting-children' };
    case 'backoff':
      return { kind: 'retrying', at: entry.notBefore, attempts: entry.attempts };
    default:
      return { kind: 'pending', attempts: entry.attempts };
  }
}

export type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

/** The status in words, with the tone of its badge. */
export function statusWords(status: EntryStatus, words: Words): { text: string; tone: Tone } {
  switch (status.kind) {
    case 'pending':
      return { text: status.attempts > 0 ? words.t('pending.state.pendingTried', { count: status.attempts }) : words.t('pending.state.pending'), tone: 'neutral' };
    case 'sending':
      return { text: words.t('pending.state.sending'), tone: 'accent' };
    case 'checking':
      return { text: words.t('pending.state.checking'), tone: 'accent' };
    case 'retrying':
      return { text: words.t('pending.state.retrying', { count: status.attempts, time: words.time(status.at) }), tone: 'warning' };
    case 'waiting-parent':
      return { text: words.t('pending.state.waitingParent'), tone: 'neutral' };
    case 'waiting-children':
      return { text: words.t('pending.state.waitingChildren'), tone: 'neutral' };
    case 'queued':
      return { text: words.t('pending.state.queued'), tone: 'neutral' };
    case 'conflict':
      return { text: words.t('pending.state.conflict'), tone: 'danger' };
    case 'attention':
      return { text: words.t('pending.state.attention'), tone: 'warning' };
  }
}

/**
 * Why an attempt failed, in the user's language: the reason push or reconcile stored (or a
 * restore wrote), else what the failure's kind means, from the catalogue. The stored message
 * itself is English (sync/messages.ts says why it stays so); it is said here only for a kind
 * this version does not know.
 */
export function failureReason(failure: Pick<ApiFailure, 'kind' | 'message'>, words: Words): string {
  const text = restoredFailureText(failure) ?? entryFailureText(failure);
  return text ? words.t(text.key, text.params) : failure.message;
}

/** The line under a change that is still to go: why its last attempt failed, and the server's own words (with its status) apart. */
export interface ProblemLine {
  reason: string;
  /** "HTTP 503: Service Unavailable": what the server answered, when it did. */
  server: string | null;
}

export function problemLine(failure: ApiFailure | null, words: Words): ProblemLine | null {
  if (!failure) return null;
  const status = failure.status ?? failure.problem?.status;
  const said = [status ? `HTTP ${status}` : '', serverWords(failure) ?? ''].filter(Boolean).join(': ');
  return { reason: failureReason(failure, words), server: said || null };
}

/** The server's answer to a refused change, ready to show: why in the user's words, the server's own words, and field errors. */
export interface FailureReport {
  /** Why, from the catalogue. */
  title: string;
  /** What the server itself said (its problem title and detail), if anything. */
  detail: string | null;
  status: number | null;
  fieldErrors: { field: string; label: string; messages: string[] }[];
}

export function failureReport(entity: EntityKind, failure: ApiFailure, words: Words): FailureReport {
  const errors = failure.fieldErrors ?? failure.problem?.errors ?? {};
  return {
    title: failureReason(failure, words),
    detail: serverWords(failure),
    status: failure.status ?? failure.problem?.status ?? null,
    fieldErrors: Object.entries(errors).map(([field, messages]) => ({
      field,
      label: field ? fieldLabel(entity, field, words) : words.t('pending.failure.wholeBody'),
      // The schema's messages in the user's words where they are known; a server's own text as it came.
      messages: messages.map((message) => localizeMessage(message, (key, params) => words.t(key, params))),
    })),
  };
}

/** Entries in global order, grouped by customer; groups in the order of their first entry. */
export interface Group<T> {
  customerGuid: string;
  items: T[];
}

export function groupByCustomer<T extends { entry: OutboxEntry }>(items: readonly T[]): Group<T>[] {
  const sorted = [...items].sort((a, b) => (a.entry.seq ?? 0) - (b.entry.seq ?? 0));
  const groups = new Map<string, Group<T>>();
  for (const item of sorted) {
    const key = item.entry.customerGuid.toLowerCase();
    const group = groups.get(key);
    if (group) group.items.push(item);
    else groups.set(key, { customerGuid: item.entry.customerGuid, items: [item] });
  }
  return [...groups.values()];
}

/**
 * What discarding an entry takes with it beyond itself: a create takes the later changes of
 * the same record (they edit a record that will never exist). The customer's queued children
 * are found by discardEntry itself (QueuedChildrenError), which asks a second time.
 */
export function discardedWith(entry: OutboxEntry, all: readonly OutboxEntry[]): OutboxEntry[] {
  if (entry.op !== 'create') return [];
  return all.filter((other) => other.entityKey === entry.entityKey && (other.seq ?? 0) > (entry.seq ?? 0)).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

/** What the user may do with an entry in this status. An entry on the wire can only be watched. */
export function actionsFor(entry: OutboxEntry, status: EntryStatus): { retry: boolean; edit: boolean; discard: boolean; resolve: boolean } {
  const onWire = status.kind === 'sending';
  const checking = status.kind === 'checking';
  return {
    retry: status.kind === 'attention' || status.kind === 'retrying' || checking,
    edit: !onWire && !checking && status.kind !== 'conflict' && entry.op !== 'delete',
    discard: !onWire && !checking,
    resolve: status.kind === 'conflict',
  };
}
