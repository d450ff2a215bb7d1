import type { CustomersApi } from '../../../shared/api/call';
import { validate, type FieldErrors } from '../../../shared/api/validation';
import type { FieldbookDb } from '../cache/db';
import type { OutboxEntry } from '../cache/records';
import { baseKeyOf } from './keys';
import { callLoose, readRecord } from './calls';
import { createRequestBody, paramsOf, specs, unwrapItemErrors, updateRequestBody, type Row } from './entities';
import { bodyOf } from './working-copy';

/*
 * The request an entry becomes. Updates are not here: they are merged first (sync/push.ts)
 * and then sent with sendUpdate as a full body.
 */

/**
 * Sends a create, delete or answer. Resolves with the server's version of the record
 * afterwards: the created resource, null for a delete, the question re-read after an answer
 * (null once it is closed, undefined if the re-read failed). Rejects with the ApiError of the
 * write itself.
 */
export async function sendWrite(api: CustomersApi, entry: OutboxEntry): Promise<Row | null | undefined> {
  const { entity, customerGuid, id } = entry;
  const spec = specs[entity];
  const body = bodyOf(entry);
  switch (entry.op) {
    case 'create': {
      // POST /customers has no path parameter (the GUID travels in the body); a child's create
      // is under its customer. The bridge's api.call contract takes exactly the path's
      // parameters, so a stray `customerGuid` made every offline-created customer fail as
      // 'validation' (needs attention) in the app, though the API client alone ignores it.
      const params: Record<string, string> = entity === 'customer' ? {} : { customerGuid };
      return (await callLoose(api, spec.create as NonNullable<typeof spec.create>, params, createRequestBody(entity, body))) as Row;
    }
    case 'delete': {
      const remove = spec.remove as NonNullable<typeof spec.remove>;
      await callLoose(api, remove, paramsOf(entity, remove, customerGuid, id));
      return null;
    }
    case 'respond':
      await callLoose(api, 'respondToQuestion', { customerGuid, actionGuid: id }, body);
      return rereadOrUndefined(api, entry);
    case 'update':
      throw new Error('Updates are merged before they are sent: use sendUpdate');
  }
}

export async function sendUpdate(api: CustomersApi, entry: OutboxEntry, full: Row): Promise<void> {
  const { entity, customerGuid, id } = entry;
  const update = specs[entity].update as NonNullable<(typeof specs)[typeof entity]['update']>;
  await callLoose(api, update, paramsOf(entity, update, customerGuid, id), updateRequestBody(entity, full));
}

/**
 * The record after a successful write, to keep as the new base. A failed re-read does not
 * undo the write: undefined tells the caller to fall back on what it sent.
 */
export async function rereadOrUndefined(api: CustomersApi, entry: Pick<OutboxEntry, 'entity' | 'customerGuid' | 'id'>): Promise<Row | null | undefined> {
  try {
    return await readRecord(api, entry.entity, entry.customerGuid, entry.id);
  } catch {
    return undefined;
  }
}

/**
 * Server values the user did not touch that our schema rejects are left out of the full body
 * (the API keeps absent fields) rather than blocking the user's change; errors in the user's
 * own fields are returned.
 */
export function cleanUpdateBody(entry: OutboxEntry, full: Row, own: readonly string[]): { body: Row; errors?: FieldErrors } {
  const schema = specs[entry.entity].updateSchema;
  if (!schema) return { body: full };
  let body = { ...full };
  for (let pass = 0; pass < 2; pass++) {
    const checked = validate(schema, updateRequestBody(entry.entity, body));
    if (checked.ok) return { body };
    const errors = unwrapItemErrors(entry.entity, checked.errors);
    const theirs = Object.keys(errors).filter((field) => field in body && !own.includes(field));
    if (pass === 1 || theirs.length === 0) return { body, errors };
    body = Object.fromEntries(Object.entries(body).filter(([field]) => !theirs.includes(field)));
  }
  return { body };
}

/** What the server holds after an answer whose re-read failed: the question closed, or moved to the new date. */
export async function assumedAfterAnswer(db: FieldbookDb, entry: OutboxEntry): Promise<Row | null> {
  const body = bodyOf(entry);
  if (entry.op !== 'respond' || body['response']) return null;
  const base = await db.bases.get([entry.entity, baseKeyOf(entry.entity, entry.customerGuid, entry.id)]);
  return base ? { ...base.record, processAt: body['postponeTo'] } : null;
}
