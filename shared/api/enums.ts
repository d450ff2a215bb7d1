import * as v from 'valibot';

/**
 * The reference gives only the numbers of its enums; the labels are ours. They live here,
 * in one place, so that a tenant whose numbering differs is one edit away (api-contract.md).
 */
export interface EnumOption<N extends number = number> {
  readonly value: N;
  readonly label: string;
}

export interface Enumeration<N extends number> {
  readonly options: readonly EnumOption<N>[];
  readonly values: readonly N[];
  readonly schema: v.PicklistSchema<N[], string>;
  label(value: number | null | undefined): string;
}

function enumeration<const N extends number>(name: string, options: readonly EnumOption<N>[]): Enumeration<N> {
  const values = options.map((o) => o.value);
  const message = `${name} must be one of ${options.map((o) => `${o.value} (${o.label})`).join(', ')}`;
  return {
    options,
    values,
    schema: v.picklist(values, message),
    label: (value) => options.find((o) => o.value === value)?.label ?? (value == null ? '' : `#${value}`),
  };
}

export const juridicalType = enumeration('Juridical type', [
  { value: 0, label: 'Person' },
  { value: 1, label: 'Company' },
]);

export const gender = enumeration('Gender', [
  { value: 0, label: 'Unknown' },
  { value: 1, label: 'Male' },
  { value: 2, label: 'Female' },
]);

/** Direct-debit mandate types, numbered as in the reference (there is no 6). */
export const directDebitMandateType = enumeration('Direct-debit mandate type', [
  { value: 1, label: 'Autogiro (Sweden)' },
  { value: 2, label: 'Incasso (the Netherlands)' },
  { value: 3, label: 'SEPA consumer recurring' },
  { value: 4, label: 'SEPA consumer one-off' },
  { value: 5, label: 'SEPA business recurring' },
  { value: 7, label: 'SEPA business one-off' },
]);

/** Classes of the payer's bank account, numbered as in the reference (there is no 6). */
export const bankAccountClass = enumeration('Bank account class', [
  { value: 1, label: 'Plusgiro (Sweden)' },
  { value: 2, label: 'Bankgiro (Sweden)' },
  { value: 3, label: 'Bank account, IBAN (the Netherlands)' },
  { value: 4, label: 'Foreign bank account, IBAN' },
  { value: 5, label: 'Bankgiro (Denmark)' },
  { value: 7, label: 'Bankgiro (Norway)' },
  { value: 8, label: 'Bank account (Norway)' },
  { value: 9, label: 'Bank account (Sweden)' },
  { value: 10, label: 'Bank account (Finland)' },
]);
