import type {
  AddressCreate, AddressUpdate, CreditInsuranceCreate, CreditInsuranceUpdate, ExtraFieldCreate, MandateCreate,
} from '../../../shared/api/schemas';
import type { FieldbookDb } from '../cache/db';
import { writeCreate, writeDelete, writeUpdate } from './write';

/*
 * The sub-resources of a customer. Those the server gives a GUID (addresses, mandates, credit
 * insurances) return a local id (`local-…`) that push later swaps for the server's; the UI may
 * keep using the local id, it is resolved through the id map. Parameters and extra fields are
 * named by their name. All of them wait in the outbox until their customer exists on the server.
 */

export interface ParameterInput {
  name: string;
  type?: string | null;
  value?: string | null;
  href?: string | null;
}
export type ParameterChanges = Partial<Omit<ParameterInput, 'name'>>;

export const createAddress = (db: FieldbookDb, customerGuid: string, body: AddressCreate): Promise<string> =>
  writeCreate(db, 'address', customerGuid, body);
export const updateAddress = (db: FieldbookDb, customerGuid: string, id: string, changes: Partial<AddressUpdate>): Promise<void> =>
  writeUpdate(db, 'address', customerGuid, id, changes);
export const deleteAddress = (db: FieldbookDb, customerGuid: string, id: string): Promise<void> =>
  writeDelete(db, 'address', customerGuid, id);

/** One parameter per call: the API takes an array, but one entry per item keeps failures and retries per item. */
export const createParameter = (db: FieldbookDb, customerGuid: string, item: ParameterInput): Promise<string> =>
  writeCreate(db, 'parameter', customerGuid, { ...item });
export const updateParameter = (db: FieldbookDb, customerGuid: string, name: string, changes: ParameterChanges): Promise<void> =>
  writeUpdate(db, 'parameter', customerGuid, name, changes);
export const deleteParameter = (db: FieldbookDb, customerGuid: string, name: string): Promise<void> =>
  writeDelete(db, 'parameter', customerGuid, name);

export const createExtraField = (db: FieldbookDb, customerGuid: string, body: ExtraFieldCreate): Promise<string> =>
  writeCreate(db, 'extraField', customerGuid, body);
export const updateExtraField = (db: FieldbookDb, customerGuid: string, name: string, changes: { value: string[] | null }): Promise<void> =>
  writeUpdate(db, 'extraField', customerGuid, name, changes);
export const deleteExtraField = (db: FieldbookDb, customerGuid: string, name: string): Promise<void> =>
  writeDelete(db, 'extraField', customerGuid, name);

/** Mandates can only be created: the API has no update or delete for them. */
export const createMandate = (db: FieldbookDb, customerGuid: string, body: MandateCreate): Promise<string> =>
  writeCreate(db, 'mandate', customerGuid, body);

export const createCreditInsurance = (db: FieldbookDb, customerGuid: string, body: CreditInsuranceCreate): Promise<string> =>
  writeCreate(db, 'creditInsurance', customerGuid, body);
export const updateCreditInsurance = (
  db: FieldbookDb,
  customerGuid: string,
  id: string,
  changes: Partial<CreditInsuranceUpdate>,
): Promise<void> => writeUpdate(db, 'creditInsurance', customerGuid, id, changes);
export const deleteCreditInsurance = (db: FieldbookDb, customerGuid: string, id: string): Promise<void> =>
  writeDelete(db, 'creditInsurance', customerGuid, id);
