import { describe, expect, it } from 'vitest';
import type { CustomersApi, OperationName } from '../../shared/api';
import { respondToQuestion } from '../../renderer/src/outbox';
import { drainOutbox } from '../../renderer/src/sync/push';
import { apiOf, arrived, openDb, questionGuids, syncedFixture, useSandbox } from './outbox-fixtures';

// An answer to a question the back office closed while the user was offline must come back as
// "needs attention" whatever the network does. Regression (found by the chaos test): a 5xx on the
// POST (outcome unknown) sent the drain to reconcile, which found the question gone and counted
// the user's answer as applied, so their (different) answer vanished without a word.

const sandbox = useSandbox();
const t0 = 1_800_000_000_000;

/** The real client, but `operation` gets a 5xx before the server does anything. */
function failingApi(api: CustomersApi, operation: OperationName): CustomersApi {
  return {
    call: (async (op: OperationName, ...args: unknown[]) => {
      const fail = op === operation;
      if (fail) sandbox().faults.set({ errorRateBeforeCommit: 1 });
      try {
        return await (api.call as (o: OperationName, ...a: unknown[]) => Promise<unknown>)(op, ...args);
      } finally {
        if (fail) sandbox().faults.set({ errorRateBeforeCommit: 0 });
      }
    }) as CustomersApi['call'],
  };
}

describe('an answer to a question someone else closed', () => {
  it('needs attention, also when the POST would have failed with a 5xx', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await respondToQuestion(db, guid, questionGuids.fixed, { response: 'NO', note: 'the customer declined' });
    // Meanwhile the back office answers it otherwise: the question is closed on the server.
    await apiOf(s).call('respondToQuestion', { customerGuid: guid, actionGuid: questionGuids.fixed }, { response: 'YES' });
    s.stats.reset();

    const result = await drainOutbox(db, failingApi(apiOf(s), 'respondToQuestion'), { now: () => t0 });
    expect(result).toMatchObject({ sent: 0, attention: 1, remaining: 1 });
    expect(await db.outbox.toArray()).toMatchObject([
      { op: 'respond', state: 'attention', body: { response: 'NO' }, lastFailure: { kind: 'not-found', message: expect.stringMatching(/no longer open/u) } },
    ]);
    expect(arrived(s, 'respondToQuestion')).toBe(0);
  });

  it('an open question is still answered once after a 5xx', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await respondToQuestion(db, guid, questionGuids.fixed, { response: 'NO' });

    expect(await drainOutbox(db, failingApi(apiOf(s), 'respondToQuestion'), { now: () => t0 })).toMatchObject({ sent: 0, retryLater: 1 });
    expect(await drainOutbox(db, apiOf(s), { now: () => t0 + 3_600_000 })).toMatchObject({ sent: 1, attention: 0, remaining: 0 });
    expect(s.store.children(s.store.record(guid)!).questions.map((q) => q.actionGuid)).toEqual([questionGuids.postponable]);
  });
});
