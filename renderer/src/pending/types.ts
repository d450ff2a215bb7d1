import type { OutboxEntry } from '../cache/records';
import type { EntryDescription, EntryStatus } from './describe';

/** One row of the Pending changes page: an outbox entry, where it stands, and what it does in words. */
export interface PendingItem {
  entry: OutboxEntry & { seq: number };
  status: EntryStatus;
  description: EntryDescription;
  /** The open conflict of this entry, for its "Resolve" link. */
  conflictId: number | null;
}

export interface PendingGroupView {
  customerGuid: string;
  name: string;
  localOnly: boolean;
  items: PendingItem[];
}
