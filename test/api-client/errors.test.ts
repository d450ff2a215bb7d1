import { describe, expect, it } from 'vitest';
import {
  ApiError,
  dispositionOf,
  failureKinds,
  failureOf,
  isApiFailure,
  isPermanent,
  isTransient,
  needsReauth,
  needsReconcile,
  type ApiFailure,
  type FailureKind,
} from '../../shared/api';

const failure = (kind: FailureKind): ApiFailure => ({ kind, message: `a ${kind} failure` });

describe('the shared error model', () => {
  it('sorts every kind into exactly one disposition', () => {
    for (const kind of failureKinds) {
      const f = failure(kind);
      const hits = [isTransient(f), isPermanent(f), needsReauth(f), needsReconcile(f), dispositionOf(f) === 'configure'];
      expect(hits.filter(Boolean), kind).toHaveLength(1);
    }
  });

  it.each<[FailureKind, string]>([
    ['network', 'retry'],
    ['timeout', 'retry'],
    ['server', 'retry'],
    ['rate-limited', 'retry'],
    ['unknown-outcome', 'reconcile'],
    ['unauthorized', 'reauth'],
    ['insecure-url', 'configure'],
    ['validation', 'give-up'],
    ['forbidden', 'give-up'],
    ['not-found', 'give-up'],
    ['conflict', 'give-up'],
    ['bad-request', 'give-up'],
    ['bad-response', 'give-up'],
  ])('%s → %s', (kind, disposition) => {
    expect(dispositionOf(failure(kind))).toBe(disposition);
  });

  it('survives a structured clone (the IPC bridge) and is recognised on the other side', () => {
    const original: ApiFailure = {
      kind: 'validation',
      message: 'Could not create a customer: email: Must be an e-mail address.',
      operation: 'createCustomer',
      status: 400,
      problem: { title: 'Bad Request', status: 400, errors: { email: ['Must be an e-mail address'] } },
      fieldErrors: { email: ['Must be an e-mail address'] },
    };
    const error = new ApiError(original);
    const cloned = structuredClone(error.failure);
    expect(cloned).toEqual(original);
    expect(isApiFailure(cloned)).toBe(true);
    expect(failureOf(error)).toBe(original);
    expect(failureOf(cloned)).toBe(cloned);
    expect(error.message).toBe(original.message);
    expect(error).toBeInstanceOf(Error);
  });

  it('does not mistake other values for failures', () => {
    expect(isApiFailure({ kind: 'nope', message: 'x' })).toBe(false);
    expect(isApiFailure({ kind: 'network' })).toBe(false);
    expect(isApiFailure(null)).toBe(false);
    expect(failureOf(new Error('plain'))).toBeUndefined();
  });
});
