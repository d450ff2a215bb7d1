import type { CustomersApi } from '../../../shared/api/call';
import { failureOf, type ApiFailure } from '../../../shared/api/errors';
import type { ListPage } from '../../../shared/api/schemas';
import type { FieldbookDb } from '../cache/db';
import type { OutboxEntry } from '../cache/records';
import { callLoose, readRecord } from '../outbox/calls';
import { echoOf, specs, type Row } from '../outbox/entities';
import { nounOf } from '../outbox/errors';
import type { QueuedEntry } from '../outbox/queue';
import { knownServerIds } from '../outbox/settle';
import { bodyOf } from '../outbox/working-copy';
import { holdsPatch, sameValue } from './merge';
import { storedReason } from './messages';

/*
 * A write whose outcome is unknown (timed out, connection lost, 5xx, or found in `sending`
 * after a crash) is never simply sent again: the API has no idempotency keys, so a second
 * create would be a duplicate. We look first:
 * - customer create: GET its client-assigned GUID; there → it was applied
 * - parameter / extra-field create or update: GET by name and compare
 * - address / mandate / credit-insurance create: list the customer's items (100 a page) and
 *   look for one with a GUID we did not know when it was sent whose content equals the body
 *   as the server echoes it → adopt that GUID
 * - update: re-read; the server holds our values → applied
 * - delete: GET; 404 → applied
 * - answer to a question: 404 (closed) → applied; postponed: processAt = postponeTo → applied
 * Reads that fail throw (ApiError): the caller keeps the entry in `sending` and tries later.
 */

export type Reconciled =
  /** The server has it; `server` is its version (null when the record is gone, as after a delete). */
  | { kind: 'applied'; server: Row | null }
  /** It was not applied: send it again. `theirs` is the record as just read, when there is one. */
  | { kind: 'not-applied'; theirs?: Row }
  /** It cannot be applied any more (deleted on the server, name taken by someone else). */
  | { kind: 'refused'; failure: ApiFailure };

const applied = (server: Row | null): Reconciled => ({ kind: 'applied', server });
const notApplied = (theirs?: Row): Reconciled => (theirs ? { kind: 'not-applied', theirs } : { kind: 'not-applied' });

export const refusal = (message: string, kind: ApiFailure['kind'] = 'not-found'): Reconciled => ({ kind: 'refused', failure: { kind, message } });

export async function reconcileEntry(db: FieldbookDb, api: CustomersApi, entry: QueuedEntry): Promise<Reconciled> {
  const { entity, customerGuid, id } = entry;
  const body = bodyOf(entry);
  switch (entry.op) {
    case 'create': {
      if (entity === 'customer') {
        const server = await readRecord(api, entity, customerGuid, customerGuid);
        return server ? applied(server) : notApplied();
      }
      if (!specs[entity].serverAssignsId) return reconcileNamedCreate(api, entry, body);
      const found = await findCreated(db, api, entry, body);
      return found === undefined ? refusal(parentGone) : found ? applied(found) : notApplied();
    }
    case 'update': {
      const server = await readRecord(api, entity, customerGuid, id);
      if (!server) return refusal(deletedOnServer(entry));
      return holdsPatch(server, body) ? applied(server) : notApplied(server);
    }
    case 'delete':
      return (await readRecord(api, entity, customerGuid, id)) ? notApplied() : applied(null);
    case 'respond': {
      const question = await readRecord(api, entity, customerGuid, id);
      // Gone: answered (by us, or by someone else, which equally closes it).
      if (!question) return applied(null);
      if (!body['response'] && sameValue(question['processAt'], body['postponeTo'])) return applied(question);
      return notApplied(question);
    }
  }
}

async function reconcileNamedCreate(api: CustomersApi, entry: OutboxEntry, body: Row): Promise<Reconciled> {
  const server = await readRecord(api, entry.entity, entry.customerGuid, entry.id);
  if (!server) return notApplied();
  if (holdsPatch(server, withoutName(body))) return applied(server);
  return refusal(storedReason.nameTaken(nounOf(entry.entity), entry.id), 'conflict');
}

const withoutName = ({ name: _name, ...rest }: Row): Row => rest;

/** Stored in the entry as they are (the Pending page says them in the user's language: messages.ts). */
export const parentGone = storedReason.parentGone;

export const deletedOnServer = (entry: OutboxEntry): string => storedReason.deletedOnServer(nounOf(entry.entity));

/**
 * Pages through the customer's items for one we created: a GUID unknown when the create left
 * (or, for an entry from before that was recorded, unknown now) whose content equals the body.
 * undefined when the customer itself is gone.
 */
async function findCreated(db: FieldbookDb, api: CustomersApi, entry: QueuedEntry, body: Row): Promise<Row | null | undefined> {
  const { entity, customerGuid } = entry;
  const spec = specs[entity];
  const known = new Set(entry.knownIds ?? (await knownServerIds(db, entity, customerGuid)));
  const echo = echoOf(entity, body);
  const idOf = (item: Row): string => String(item[spec.idField]).toLowerCase();
  for (let skip = 0; ; skip += 100) {
    let page: ListPage<Row>;
    try {
      page = (await callLoose(api, spec.list as NonNullable<typeof spec.list>, { customerGuid }, undefined, { top: 100, skip })) as ListPage<Row>;
    } catch (error) {
      if (failureOf(error)?.kind === 'not-found') return undefined;
      throw error;
    }
    const candidates = page.value.filter((item) => !known.has(idOf(item)) && holdsPatch(item, echo));
    // One adopted by another of our creates since this one left is not a candidate either.
    const adopted = candidates.length
      ? await db.idMap.where('serverId').anyOfIgnoreCase(candidates.map(idOf)).toArray()
      : [];
    const taken = new Set(adopted.map((m) => m.serverId.toLowerCase()));
    const match = candidates.find((item) => !taken.has(idOf(item)));
    if (match) return match;
    if (page.value.length === 0 || skip + page.value.length >= page.total) return null;
  }
}
