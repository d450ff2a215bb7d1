import type { MessageKey } from '../../i18n/en';

/** The sections of a customer, in the order of the tab bar; the id is the URL segment. */
export const detailTabs = [
  { id: 'overview', label: 'tab.overview' },
  { id: 'addresses', label: 'tab.addresses' },
  { id: 'parameters', label: 'tab.parameters' },
  { id: 'extra-fields', label: 'tab.extraFields' },
  { id: 'mandates', label: 'tab.mandates' },
  { id: 'credit-insurances', label: 'tab.creditInsurances' },
  { id: 'questions', label: 'tab.questions' },
  { id: 'ledger', label: 'tab.ledger' },
  { id: 'accrued-interest', label: 'tab.accruedInterest' },
  { id: 'custom-actions', label: 'tab.customActions' },
] as const satisfies readonly { id: string; label: MessageKey }[];

export type DetailTab = (typeof detailTabs)[number]['id'];

export const isDetailTab = (value: string): value is DetailTab => detailTabs.some((tab) => tab.id === value);
