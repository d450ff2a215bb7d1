import { schemas } from '../../../../../shared/api';
import type { FieldErrors } from '../../../../../shared/api/validation';
import type { QuestionResponse } from '../../../../../shared/api/schemas';
import { schemaErrors } from '../../../forms/check';
import type { FieldSpec } from '../../../forms/fields';
import { dateToIso, textOrNull } from '../../../forms/values';

/*
 * Answering a question: one of the responses the back office offers, with an optional note;
 * or, where the question allows it, postponing it to a later day instead. Either is queued
 * (respondToQuestion) and sent at the next sync.
 */

export interface QuestionAnswer {
  /** The code of the chosen response ('' while none is chosen). */
  response: string;
  note: string;
  /** YYYY-MM-DD of a date input ('' unless postponing). */
  postponeTo: string;
}

export const questionFields: FieldSpec[] = [
  { name: 'response', label: 'question.response', kind: 'text' },
  { name: 'note', label: 'question.note', kind: 'textarea', maxLength: 4000 },
  { name: 'postponeTo', label: 'question.postponeTo', kind: 'date' },
];

/** The body of an answer (`postpone`: the date instead of a response). */
export function answerBody(answer: QuestionAnswer, postpone: boolean): QuestionResponse {
  const note = textOrNull(answer.note);
  const body: QuestionResponse = postpone ? { postponeTo: dateToIso(answer.postponeTo) } : { response: textOrNull(answer.response) };
  if (note !== null) body.note = note;
  return body;
}

/** The schema's errors; a postponement without a date is reported at the date, where the user must act. */
export function checkAnswer(answer: QuestionAnswer, postpone: boolean): FieldErrors {
  const errors = schemaErrors(schemas.questionResponse, answerBody(answer, postpone), questionFields);
  if (postpone && errors['response']) {
    const { response, ...rest } = errors;
    return { ...rest, postponeTo: response };
  }
  return errors;
}

/** The earliest day a question can be postponed to: tomorrow (postponing to today would change nothing). */
export function minimumPostponeDate(today: Date = new Date()): string {
  const next = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1));
  return next.toISOString().slice(0, 10);
}
