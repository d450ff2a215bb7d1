import type { JournalEntry } from '../../shared/ipc';

/*
 * The export of a profile's pending changes: a JSON file a person can read (and a support
 * person can re-enter by hand, or a later Fieldbook could import), written to where the user
 * chose before signing out, deleting a profile or clearing the cache. It holds the changes
 * themselves (personal data, as the user typed it) and never a secret: outbox entries hold none.
 */

export interface ExportProfile {
  readonly id: string;
  readonly name: string;
}

const nouns: Record<JournalEntry['entity'], string> = {
  customer: 'customer',
  address: 'address',
  parameter: 'parameter',
  extraField: 'extra field',
  mandate: 'direct-debit mandate',
  creditInsurance: 'credit insurance',
  question: 'question',
};

const states: Record<JournalEntry['state'], string> = {
  pending: 'waiting to be sent',
  sending: 'being sent when this was written (whether the server got it is not yet known)',
  waiting: 'waiting for another change to be sent first',
  conflict: 'in conflict with a change made on the server',
  attention: 'refused by the server; it needs to be edited or discarded',
};

function summaryOf(entry: JournalEntry): string {
  const noun = nouns[entry.entity];
  const body = entry.body && !Array.isArray(entry.body) ? entry.body : {};
  const of = entry.entity === 'customer' ? `customer ${entry.customerGuid}` : `${noun} ${entry.id} of customer ${entry.customerGuid}`;
  switch (entry.op) {
    case 'create':
      return entry.entity === 'customer' ? `New customer ${entry.customerGuid}` : `New ${noun} for customer ${entry.customerGuid}`;
    case 'update':
      return `Changed ${Object.keys(body).join(', ') || 'nothing'} of ${of}`;
    case 'delete':
      return `Deleted ${of}`;
    case 'respond':
      return typeof body['response'] === 'string' ? `Answered question ${entry.id} of customer ${entry.customerGuid}` : `Postponed question ${entry.id} of customer ${entry.customerGuid}`;
  }
}

export function exportDocument(profile: ExportProfile, entries: readonly JournalEntry[], now: Date): string {
  const changes = [...entries].sort((a, b) => a.seq - b.seq).map((entry) => ({
    number: entry.seq,
    summary: summaryOf(entry),
    kind: nouns[entry.entity],
    action: entry.op,
    customerGuid: entry.customerGuid,
    recordId: entry.id,
    status: states[entry.state],
    madeAt: entry.createdAt,
    lastChangedAt: entry.updatedAt,
    /** A new record's fields, an edit's changed fields, an answer. */
    values: entry.body,
    ...(entry.baseValues ? { valuesBefore: entry.baseValues } : {}),
    ...(entry.lastFailure ? { lastProblem: entry.lastFailure.message } : {}),
  }));
  const document = {
    about: 'Changes made in Fieldbook that had not reached the server when this file was written. '
      + 'Each change lists the record it applies to and the values that were entered.',
    exportedAt: now.toISOString(),
    profile: { id: profile.id, name: profile.name },
    count: changes.length,
    changes,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A file name the save dialog proposes: `fieldbook-unsynced-changes-<profile>-<date>.json`, safe on every OS. */
export function defaultExportName(profile: ExportProfile, now: Date): string {
  const name = profile.name.normalize('NFKD').replace(/[^A-Za-z0-9]+/gu, '-').replace(/^-+|-+$/gu, '').slice(0, 40).toLowerCase() || 'profile';
  return `fieldbook-unsynced-changes-${name}-${now.toISOString().slice(0, 10)}.json`;
}
