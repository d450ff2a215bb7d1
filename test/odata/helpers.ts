import { expect } from 'vitest';
import { ODataError, type FieldTypes } from '../../shared/odata';

export const FIELDS: FieldTypes = {
  customerGuid: 'string',
  fullName: 'string',
  juridicalType: 'number',
  isProtected: 'boolean',
  createdAt: 'datetime',
  addresses: 'other',
};

/** Runs `fn`, asserts it threw an ODataError, and returns it. */
export function odataError(fn: () => unknown): ODataError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ODataError);
    return e as ODataError;
  }
  throw new Error('expected an ODataError, but nothing was thrown');
}
