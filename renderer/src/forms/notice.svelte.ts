import type { EntityKind } from '../cache/records';
import { entityKeyOf } from '../outbox';

/*
 * The outcome of the last save, shown by SaveNotice wherever the user lands next (the detail
 * page after a form, the list after a delete). It names the records the save queued; the
 * notice follows their outbox entries to tell "Saved — will sync" from "Saved and synced".
 */

export type NoticeKind = 'saved' | 'created' | 'deleted' | 'answered' | 'postponed' | 'resent';

export interface Notice {
  id: number;
  kind: NoticeKind;
  /** The outbox keys of the records it saved. */
  entityKeys: string[];
  /** What was saved, in words ("Anna Lindqvist", "address Storgatan 1"). */
  subject: string;
}

let current = $state<Notice | null>(null);
let next = 1;

export const saveNotice = {
  get current(): Notice | null {
    return current;
  },
  show(kind: NoticeKind, record: { entity: EntityKind; customerGuid: string; id: string }, subject: string): void {
    current = { id: next++, kind, entityKeys: [entityKeyOf(record.entity, record.customerGuid, record.id)], subject };
  },
  dismiss(id?: number): void {
    if (id === undefined || current?.id === id) current = null;
  },
};
