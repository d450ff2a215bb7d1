import type { EntityKind } from '../cache/records';

/*
 * How outbox entries, bases and rows name a record. One place, so push, reconcile and the
 * local writes can never disagree about which entries belong to which record.
 */

/** Parameters and extra fields are keyed by their name (the server's natural key). */
export const isNamed = (entity: EntityKind): boolean => entity === 'parameter' || entity === 'extraField';

/**
 * `entity:customerGuid/id` (`customer:guid` for a customer). Names are compared
 * case-insensitively by the server, so "Foo" deleted and "foo" re-created share one key and
 * therefore run in order.
 */
export function entityKeyOf(entity: EntityKind, customerGuid: string, id: string): string {
  if (entity === 'customer') return `customer:${customerGuid}`;
  return `${entity}:${customerGuid}/${isNamed(entity) ? id.toLowerCase() : id}`;
}

/** The `key` of a record's base: `customerGuid`, or `customerGuid/id` for a child. */
export const baseKeyOf = (entity: EntityKind, customerGuid: string, id: string): string =>
  entity === 'customer' ? customerGuid : `${customerGuid}/${id}`;

const localPrefix = 'local-';

/** A sub-resource created offline has no server GUID yet: it gets one of these until push learns it. */
export const newLocalId = (): string => `${localPrefix}${crypto.randomUUID()}`;

export const isLocalId = (id: string): boolean => id.startsWith(localPrefix);
