import { hasMessage, t } from '../../i18n/index.svelte';

/** The label of an enum value in the UI's language; an unknown value shows its code. */
export function enumLabel(prefix: 'juridicalType' | 'gender' | 'mandateType', value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const key = `enum.${prefix}.${value}`;
  return hasMessage(key) ? t(key) : t('value.unknownCode', { code: String(value) });
}

export const yesNo = (value: boolean | null | undefined): string => (value === null || value === undefined ? '' : value ? t('value.yes') : t('value.no'));

/** A language or currency code with its name, where Intl knows it: "sv (svenska)". */
export function codeName(code: string | null | undefined, type: 'language' | 'currency' | 'region', locale: string): string {
  if (!code) return '';
  try {
    const name = new Intl.DisplayNames([locale], { type }).of(type === 'currency' ? code.toUpperCase() : code);
    return name && name.toLowerCase() !== code.toLowerCase() ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
