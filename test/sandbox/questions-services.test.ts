import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes, schemas } from '../../shared/api';
import { coverage, fixtureChildren, fixtureCustomer, questionGuids, uncovered, unknownGuid, useSandbox } from './helpers';

const ctx = useSandbox({ customers: 10 });
const customerGuid = 'c0ffee00-0000-4000-8000-000000000003';
const { postponable, fixed } = questionGuids;

beforeAll(() => {
  ctx.sandbox.store.insertCustomer(fixtureCustomer(customerGuid), {}, fixtureChildren());
});

describe('questions', () => {
  it('lists and gets questions; 404 for unknown ones', async () => {
    const list = await ctx.client.call('listQuestions', { customerGuid }, { query: { orderby: 'allowPostpone desc' } });
    const page = v.parse(schemas.listEnvelope(routes.listQuestions.result), list.body);
    expect(page.value.map((q) => q.actionGuid)).toEqual([postponable, fixed]);
    expect((await ctx.client.call('listQuestions', { customerGuid: unknownGuid })).status).toBe(404);
    expect((await ctx.client.call('getQuestion', { customerGuid, actionGuid: fixed })).body.allowPostpone).toBe(false);
    expect((await ctx.client.call('getQuestion', { customerGuid, actionGuid: unknownGuid })).status).toBe(404);
  });

  it('rejects a response that was not offered, and a postponement that is not allowed', async () => {
    const notOffered = await ctx.client.call('respondToQuestion', { customerGuid, actionGuid: fixed }, { body: { response: 'MAYBE' } });
    expect(notOffered.status).toBe(400);
    expect(notOffered.body.errors).toHaveProperty('response');
    const postpone = await ctx.client.call('respondToQuestion', { customerGuid, actionGuid: fixed }, { body: { postponeTo: '2026-03-01T09:00:00Z' } });
    expect(postpone.body.errors).toHaveProperty('postponeTo');
    const empty = await ctx.client.call('respondToQuestion', { customerGuid, actionGuid: fixed }, { body: { note: 'hm' } });
    expect(empty.body.errors).toHaveProperty('response');
    const both = await ctx.client.call('respondToQuestion', { customerGuid, actionGuid: postponable }, { body: { response: 'YES', postponeTo: '2026-03-01T09:00:00Z' } });
    expect(both.body.errors).toHaveProperty('postponeTo');
  });

  it('postpones: the question stays with processAt moved', async () => {
    const reply = await ctx.client.call('respondToQuestion', { customerGuid, actionGuid: postponable }, { body: { postponeTo: '2026-03-01T09:00:00Z', note: 'Later' } });
    expect(reply.status).toBe(204);
    expect((await ctx.client.call('getQuestion', { customerGuid, actionGuid: postponable })).body.processAt).toBe('2026-03-01T09:00:00Z');
  });

  it('answers: the question is gone, and answering again is 404', async () => {
    expect((await ctx.client.call('respondToQuestion', { customerGuid, actionGuid: fixed }, { body: { response: 'YES' } })).status).toBe(204);
    expect((await ctx.client.call('getQuestion', { customerGuid, actionGuid: fixed })).status).toBe(404);
    expect((await ctx.client.call('respondToQuestion', { customerGuid, actionGuid: fixed }, { body: { response: 'YES' } })).status).toBe(404);
    expect((await ctx.client.call('listQuestions', { customerGuid })).body.total).toBe(1);
  });
});

describe('services', () => {
  it('runs a known customer service and echoes the body', async () => {
    const body = { name1: 'string', name2: false, name3: { nested: [1, 2] } };
    const reply = await ctx.client.call('invokeCustomerService', { customerGuid, serviceDefinition: 'sendreminder' }, { body, extra: { async: 'false' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ serviceDefinition: 'SendReminder', async: false, customerGuid, received: body, result: 'OK' });
  });

  it('queues an async run: 200 with a job id', async () => {
    const reply = await ctx.client.call('invokeCustomerService', { customerGuid, serviceDefinition: 'RecalculateInterest' }, { body: {}, extra: { async: 'true' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ async: true, status: 'Queued', jobId: expect.any(String) });
  });

  it('404 for an unknown definition or customer, 400 for a bad async flag or malformed JSON', async () => {
    expect((await ctx.client.call('invokeCustomerService', { customerGuid, serviceDefinition: 'Nope' }, { body: {} })).status).toBe(404);
    expect((await ctx.client.call('invokeCustomerService', { customerGuid: unknownGuid, serviceDefinition: 'SendReminder' }, { body: {} })).status).toBe(404);
    const flag = await ctx.client.call('invokeCustomerService', { customerGuid, serviceDefinition: 'SendReminder' }, { body: {}, extra: { async: 'yes' } });
    expect(flag.status).toBe(400);
    expect(flag.body.errors).toHaveProperty('async');
    const json = await ctx.client.call('invokeCustomerService', { customerGuid, serviceDefinition: 'SendReminder' }, { rawBody: '{"a":' });
    expect(json.status).toBe(400);
  });

  it('runs a service not bound to a customer, with any JSON (even none)', async () => {
    const reply = await ctx.client.call('invokeService', { serviceDefinition: 'CreatePaymentPlan' }, { body: [1, 'two'] });
    expect(reply.body).toEqual({ serviceDefinition: 'CreatePaymentPlan', async: false, received: [1, 'two'], result: 'OK' });
    const none = await ctx.client.call('invokeService', { serviceDefinition: 'CreatePaymentPlan' });
    expect(none.body.received).toBeNull();
    expect((await ctx.client.call('invokeService', { serviceDefinition: 'Unknown' }, { body: {} })).status).toBe(404);
  });

  it('exercised each of these operations with a success and a client error', () => {
    expect(uncovered(ctx.sandbox, coverage.questionsAndServices)).toEqual([]);
  });
});
