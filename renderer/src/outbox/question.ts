import { schemas } from '../../../shared/api';
import { validate } from '../../../shared/api/validation';
import type { QuestionResponse } from '../../../shared/api/schemas';
import type { FieldbookDb } from '../cache/db';
import { InvalidInputError, NotInCacheError } from './errors';
import { entityKeyOf } from './keys';
import { appendEntry, isModifiable, touched } from './queue';
import { writeTx } from './tables';
import { chainOf, ensureBase, rebuild } from './working-copy';

/*
 * Answering (or postponing) a question. The working copy marks it answered, or moves its
 * processAt; a later answer to the same question replaces one not yet sent.
 */

export async function respondToQuestion(db: FieldbookDb, customerGuid: string, actionGuid: string, answer: QuestionResponse): Promise<void> {
  const checked = validate(schemas.questionResponse, answer);
  if (!checked.ok) throw new InvalidInputError('question', checked.errors);
  const body = { ...checked.value };
  await writeTx(db, async () => {
    const row = await db.questions.get(actionGuid);
    if (!row || row.customerGuid !== customerGuid) throw new NotInCacheError('question', actionGuid);
    await ensureBase(db, 'question', customerGuid, actionGuid);
    const last = (await chainOf(db, entityKeyOf('question', customerGuid, actionGuid))).at(-1);
    if (last?.op === 'respond' && isModifiable(last)) await db.outbox.put(touched(last, { body }));
    else await appendEntry(db, 'question', 'respond', customerGuid, actionGuid, body);
    await rebuild(db, 'question', customerGuid, actionGuid);
  });
}
