import type { EntrySummary } from '../../outbox';
import type { MessageKey } from '../../i18n/en';
import type { Translate } from '../../forms/messages';

/*
 * The queued changes a customer's delete would throw away, in words the second confirmation
 * lists one by one ("New address", "Changed parameter “RiskClass”"), so nothing is discarded
 * without the user having read what it is.
 */

const things: Record<EntrySummary['entity'], MessageKey> = {
  customer: 'form.thing.customer',
  address: 'form.thing.address',
  parameter: 'form.thing.parameter',
  extraField: 'form.thing.extraField',
  mandate: 'form.thing.mandate',
  creditInsurance: 'form.thing.creditInsurance',
  question: 'form.thing.question',
};

const ops: Record<EntrySummary['op'], MessageKey> = {
  create: 'form.op.create',
  update: 'form.op.update',
  delete: 'form.op.delete',
  respond: 'form.op.respond',
};

/** "New address", "Changed parameter “RiskClass”" (named records show their name). */
export function describeQueued(entry: EntrySummary, t: Translate): string {
  const thing = t(things[entry.entity]);
  const named = entry.entity === 'parameter' || entry.entity === 'extraField';
  return t(ops[entry.op], { thing: named ? `${thing} “${entry.id}”` : thing });
}
