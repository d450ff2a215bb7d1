import type { ConflictField } from '../cache/records';

/*
 * The three-way merge of one queued update, pure (no Dexie, no API): base is the server
 * version the user edited, theirs the server version now, yours the user's patch.
 *
 * | changed locally | changed remotely | result                          |
 * |-----------------|------------------|---------------------------------|
 * | no              | any              | theirs                          |
 * | yes             | no               | yours                           |
 * | yes             | yes, same value  | theirs (= yours), nothing to do |
 * | yes             | yes, different   | a conflict: the user chooses    |
 *
 * Without a base nothing can be told apart, so every field where theirs differs from yours
 * is a conflict: never overwrite what we cannot prove unchanged.
 */

type Row = Record<string, unknown>;

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/u;

/**
 * Equality as the API means it: absent and null are the same; date-times are the same
 * instant however they are written (`…Z` and `….000Z`); lists and objects by content.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if ((a ?? null) === (b ?? null)) return true;
  if (a == null || b == null) return false;
  if (typeof a === 'string' && typeof b === 'string') {
    return isoInstant.test(a) && isoInstant.test(b) && Date.parse(a) === Date.parse(b) && !Number.isNaN(Date.parse(a));
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue((a as Row)[key], (b as Row)[key]));
  }
  return false;
}

export interface MergeOutcome {
  /** The fields where yours must be sent (changed only locally). */
  resolved: Row;
  conflicts: ConflictField[];
}

export function mergeFields(base: Row | null, theirs: Row, yours: Row): MergeOutcome {
  const resolved: Row = {};
  const conflicts: ConflictField[] = [];
  for (const [field, mine] of Object.entries(yours)) {
    const server = theirs[field];
    if (base === null) {
      if (!sameValue(server, mine)) conflicts.push({ field, base: null, theirs: server ?? null, yours: mine ?? null });
      continue;
    }
    const original = base[field];
    const changedLocally = !sameValue(original, mine);
    const changedRemotely = !sameValue(original, server);
    if (!changedLocally) continue;
    if (!changedRemotely) resolved[field] = mine;
    else if (!sameValue(server, mine)) conflicts.push({ field, base: original ?? null, theirs: server ?? null, yours: mine ?? null });
  }
  return { resolved, conflicts };
}

/**
 * The full update body: theirs overlaid with the resolved fields, update fields only. Fields
 * the server never returns (write-only, e.g. parentCustomer) are sent only when we changed them.
 */
export function fullUpdateBody(updateFields: readonly string[], theirs: Row, resolved: Row): Row {
  const body: Row = {};
  for (const field of updateFields) {
    const value = field in resolved ? resolved[field] : theirs[field];
    if (value !== undefined) body[field] = value;
  }
  return body;
}

/** True when the server already holds every field of a patch (an update that was applied). */
export const holdsPatch = (server: Row, patch: Row): boolean => Object.entries(patch).every(([field, value]) => sameValue(server[field], value));
