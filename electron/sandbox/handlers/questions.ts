import type { OperationName, schemas } from '../../../shared/api';
import { bodyOf, byGuid, customerOf, noContent, ok, type Handler, type RequestContext } from '../context';
import { pageOf, parseListQuery, select } from '../list';
import { ErrorCollector, notFound } from '../problem';
import type { CustomerRecord } from '../model';

/*
 * Questions (user actions) the back office asks about a customer. Answering with one of the
 * offered responses closes the question: it disappears (GET then answers 404, and so does a
 * second answer). Postponing keeps it open with processAt moved to the new date. A body with
 * both a response and a postponeTo is rejected: it is unclear which the user meant.
 */

type Question = schemas.Question;

function questionsOf(ctx: RequestContext, record: CustomerRecord): Question[] {
  return ctx.store.children(record).questions;
}

function indexOf(ctx: RequestContext, items: readonly Question[]): number {
  const guid = ctx.params['actionGuid'] ?? '';
  const index = byGuid(items, 'actionGuid', guid);
  if (index < 0) throw notFound(`Question '${guid}'`);
  return index;
}

const listQuestions: Handler = (ctx) => {
  const record = customerOf(ctx);
  const request = parseListQuery(ctx.query, 'listQuestions');
  return ok(pageOf(select(questionsOf(ctx, record), request, 'actionGuid'), request));
};

const getQuestion: Handler = (ctx) => {
  const items = questionsOf(ctx, customerOf(ctx));
  return ok(items[indexOf(ctx, items)]);
};

const respondToQuestion: Handler = (ctx) => {
  const body = bodyOf(ctx, 'respondToQuestion');
  const record = customerOf(ctx);
  const items = questionsOf(ctx, record);
  const index = indexOf(ctx, items);
  const question = items[index] as Question;

  const errors = new ErrorCollector();
  if (body.response && body.postponeTo) {
    errors.add('postponeTo', 'Give a response or a date to postpone to, not both');
  } else if (body.response) {
    const offered = (question.responses ?? []).map((r) => r.code);
    if (!offered.includes(body.response)) errors.add('response', `Must be one of ${offered.join(', ') || '(no responses offered)'}`);
  } else if (body.postponeTo && question.allowPostpone !== true) {
    errors.add('postponeTo', 'This question cannot be postponed');
  }
  errors.throwIfAny();

  if (body.response) items.splice(index, 1);
  else question.processAt = body.postponeTo ?? question.processAt;
  ctx.store.touch(record, 'children');
  return noContent();
};

export const questionHandlers = {
  listQuestions,
  getQuestion,
  respondToQuestion,
} satisfies Partial<Record<OperationName, Handler>>;
