import { en, type MessageKey } from '../i18n/en';
import type { Translate } from './messages';

/*
 * The label of a field a form does not show (an error about it can still come back from the
 * server): the detail screens' word for it where the catalogue has one, else the name in words.
 */

const prefixes = ['field', 'address', 'parameter', 'extraField', 'mandate', 'insurance', 'question'];

export function fieldLabelOf(field: string, t: Translate): string {
  if (field === '') return '';
  const name = field.split('.')[0] ?? field;
  for (const prefix of prefixes) {
    const key = `${prefix}.${name}`;
    if (Object.hasOwn(en, key)) return t(key as MessageKey);
  }
  const words = name.replace(/([a-z\d])([A-Z])/gu, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
