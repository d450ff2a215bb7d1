import type { FieldbookDb } from '../../../cache/db';
import type { EntityKind } from '../../../cache/records';
import { saveChanges, type SaveOutcome } from '../../../forms/persist';
import type { FormValues } from '../../../forms/values';
import { t } from '../../../i18n/index.svelte';
import {
  createAddress, createCreditInsurance, createExtraField, createMandate, createParameter, EntryStateError, updateAddress,
  updateCreatedAddress, updateCreditInsurance, updateExtraField, updateParameter,
} from '../../../outbox';
import { addressCreateBody, addressUpdateBody, createdAddressChanges } from './address-form';
import { extraFieldCreateBody, extraFieldUpdateBody } from './extra-field-form';
import { insuranceCreateBody, insuranceUpdateBody } from './insurance-form';
import { mandateCreateBody } from './mandate-form';
import { parameterCreateBody, parameterUpdateBody } from './parameter-form';

/*
 * What Save does in each sub-resource dialog: a create queues the new record (its id comes
 * back: a local id, or its name); an edit queues only the changed fields, or corrects the
 * change the server refused. Null: nothing was changed, nothing queued.
 */

export type ChildEntity = Exclude<EntityKind, 'customer' | 'question'>;

export interface Saved {
  id: string;
  outcome: SaveOutcome | 'created';
  /** The record whose outbox entry holds the change, when it is not the dialog's own (a created address: its customer's create). */
  entity?: EntityKind;
}

export type Save = (db: FieldbookDb, customerGuid: string, id: string | null, initial: FormValues, values: FormValues) => Promise<Saved | null>;

async function update(
  db: FieldbookDb,
  entity: ChildEntity,
  customerGuid: string,
  id: string,
  changes: Record<string, unknown>,
  write: () => Promise<void>,
): Promise<Saved | null> {
  if (!Object.keys(changes).length) return null;
  return { id, outcome: await saveChanges(db, { entity, customerGuid, id }, changes, write) };
}

export const saves: Record<ChildEntity, Save> = {
  address: async (db, customerGuid, id, initial, values) => {
    if (id === null) return { id: await createAddress(db, customerGuid, addressCreateBody(values)), outcome: 'created' };
    const changes = addressUpdateBody(initial, values);
    return update(db, 'address', customerGuid, id, changes, () => updateAddress(db, customerGuid, id, changes));
  },
  parameter: async (db, customerGuid, id, initial, values) => {
    if (id === null) return { id: await createParameter(db, customerGuid, parameterCreateBody(values)), outcome: 'created' };
    const changes = parameterUpdateBody(initial, values);
    return update(db, 'parameter', customerGuid, id, changes, () => updateParameter(db, customerGuid, id, changes));
  },
  extraField: async (db, customerGuid, id, initial, values) => {
    if (id === null) return { id: await createExtraField(db, customerGuid, extraFieldCreateBody(values)), outcome: 'created' };
    const changes = extraFieldUpdateBody(initial, values);
    if (!('value' in changes)) return null;
    return update(db, 'extraField', customerGuid, id, changes, () => updateExtraField(db, customerGuid, id, { value: changes.value }));
  },
  mandate: async (db, customerGuid, id, _initial, values) => {
    // The API cannot change a mandate: the dialog only ever creates one.
    if (id !== null) return null;
    return { id: await createMandate(db, customerGuid, mandateCreateBody(values)), outcome: 'created' };
  },
  creditInsurance: async (db, customerGuid, id, initial, values) => {
    if (id === null) return { id: await createCreditInsurance(db, customerGuid, insuranceCreateBody(values)), outcome: 'created' };
    const changes = insuranceUpdateBody(initial, values);
    return update(db, 'creditInsurance', customerGuid, id, changes, () => updateCreditInsurance(db, customerGuid, id, changes));
  },
};

/**
 * The main address of a customer created offline: the change goes into the customer's queued
 * create (corrected and sent again, if the server had refused that create). The notice follows
 * the create. While the create is on its way (or just arrived) nothing is changed, and the form says so.
 */
export const saveCreatedAddress: Save = async (db, customerGuid, _id, initial, values) => {
  const changes = createdAddressChanges(initial, values);
  if (!Object.keys(changes).length) return null;
  try {
    return { id: customerGuid, entity: 'customer', outcome: await updateCreatedAddress(db, customerGuid, changes) };
  } catch (error) {
    if (error instanceof EntryStateError) throw new Error(t('form.address.ofCreateBusy'));
    throw error;
  }
};
