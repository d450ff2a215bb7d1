import type { ApiFailure } from '../../shared/api';
import { baseUrlProblem } from '../../shared/profiles';

/*
 * HTTPS is required for every host except loopback (api-contract.md): a client secret, token
 * or API key sent over plain http to anything else can be read on the way. Checked before the
 * first request, so an insecure profile never sends a byte. The rule itself is the profile
 * form's (shared/profiles.ts), so what the form accepts and what the client sends to agree.
 */

/** undefined when the URL may be used; else the `insecure-url` failure that says why. */
export function checkUrl(what: 'base URL' | 'token URL', raw: string): ApiFailure | undefined {
  const problem = baseUrlProblem(raw);
  if (!problem) return undefined;
  return { kind: 'insecure-url', message: `The ${what} of this profile cannot be used: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}.` };
}
