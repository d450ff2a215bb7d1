import type { Address } from '../../../../shared/api/schemas';

/** An address in lines, as written on an envelope; the server's `fullAddress` wins when given. */
export function addressLines(a: Address): string[] {
  if (a.fullAddress?.trim()) return a.fullAddress.split(/\r?\n|,\s*/u).map((l) => l.trim()).filter(Boolean);
  const street = [a.street, a.houseNo, a.houseNoExtension].filter(Boolean).join(' ');
  const town = [a.zipCode, a.city].filter(Boolean).join(' ');
  return [street, town, [a.stateCode, a.countryCode].filter(Boolean).join(' ')].filter(Boolean);
}
