import * as v from 'valibot';
import { dateTime, inputText, links, text } from './common';

/** A response the back office offers for a question. The reference shows `responses: []` without items. */
export const questionOption = v.looseObject({
  code: v.string(),
  description: text(),
});
export type QuestionOption = v.InferOutput<typeof questionOption>;

/** An open question (a user action) about a customer. */
export const question = v.object({
  actionGuid: v.string(),
  loggedAt: dateTime(),
  processAt: dateTime(),
  actionItemCode: text(),
  message: text(),
  allowPostpone: v.nullish(v.boolean()),
  actionCategoryCode: text(),
  actionCategoryDescription: text(),
  responses: v.nullish(v.array(questionOption)),
  links: links(),
});
export type Question = v.InferOutput<typeof question>;


/** POST /questions/{actionGuid}: answer with one of the offered responses, or postpone. */
export const questionResponse = v.pipe(
  v.strictObject({
    response: inputText(50),
    note: inputText(4000),
    postponeTo: dateTime(),
  }),
  v.forward(
    v.check((a) => Boolean(a.response) || Boolean(a.postponeTo), 'Choose a response or a date to postpone to'),
    ['response'],
  ),
);
export type QuestionResponse = v.InferOutput<typeof questionResponse>;
