import type { schemas } from '../../shared/api';
import {
  emptyChildren, isDerivedName, keyOf,
  type CustomerChange, type CustomerChildren, type CustomerInternals, type CustomerListener, type CustomerRecord,
  type SeedSource, type StoreSnapshot, type Tenant,
} from './model';

/*
 * The sandbox's data, in memory. Customers are seeded eagerly; their children (parameters,
 * mandates, ledger, …) are generated on first access, so 100,000 customers start in seconds.
 * Customers are kept in a Map (lookup) and in an array sorted by key (the default list order
 * and the tie-breaker), updated by binary search so no write re-sorts 100,000 records.
 */

type Customer = schemas.Customer;

export class Store {
  private readonly byKey = new Map<string, CustomerRecord>();
  private sorted: CustomerRecord[] = [];
  private readonly deletedSeeded = new Set<string>();
  /** Bumped by every change to a customer (not to its children): list caches key on it. */
  version = 0;
  /** Bumped by every change at all: persistence watches it. */
  revision = 0;
  /** Called after every change (persistence debounces on it). */
  onChange: () => void = () => {};
  private readonly listeners = new Set<CustomerListener>();

  constructor(
    private readonly source: SeedSource,
    private readonly count: number,
    private readonly seed: number,
  ) {
    this.reseed();
  }

  get tenant(): Tenant {
    return this.source.tenant;
  }

  get size(): number {
    return this.sorted.length;
  }

  /** Back to the seeded data, dropping every change. */
  reseed(): void {
    this.byKey.clear();
    this.deletedSeeded.clear();
    const records = this.source.seedCustomers(this.count, this.seed).map((customer) => this.newRecord(customer, {}, true));
    for (const record of records) this.byKey.set(record.key, record);
    this.sorted = [...this.byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.changed('reset', undefined);
  }

  /** Customer-level changes, so cached selections can follow them instead of being rebuilt. */
  subscribe(listener: CustomerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Customers in key order. The array is live: callers must not mutate it. */
  ordered(): readonly CustomerRecord[] {
    return this.sorted;
  }

  record(guid: string): CustomerRecord | undefined {
    return this.byKey.get(keyOf(guid));
  }

  /** The customer's children, generated from the seed on first access. */
  children(record: CustomerRecord): CustomerChildren {
    record.children ??= record.seeded ? this.source.seedChildren(record.customer, this.seed) : emptyChildren();
    return record.children;
  }

  /** Marks a record as changed after a handler edited it in place. */
  touch(record: CustomerRecord, scope: 'customer' | 'children'): void {
    if (scope === 'customer') {
      record.changed = true;
      this.changed('update', record);
    } else {
      record.childrenChanged = true;
      this.changed(undefined, record);
    }
  }

  /** Adds a customer (API create, tests, persistence). Throws if its GUID exists. */
  insertCustomer(customer: Customer, internals: CustomerInternals = {}, children?: CustomerChildren): CustomerRecord {
    const record = this.newRecord(structuredClone(customer), internals, false);
    if (this.byKey.has(record.key)) throw new Error(`Customer ${customer.customerGuid} exists`);
    record.children = children ? structuredClone(children) : emptyChildren();
    record.changed = record.childrenChanged = true;
    this.place(record);
    this.changed('insert', record);
    return record;
  }

  /** Sets fields of a customer directly (tests); returns false when it does not exist. */
  updateCustomer(guid: string, patch: Partial<Customer> & CustomerInternals): boolean {
    const record = this.record(guid);
    if (!record) return false;
    const { clientReference, parentCustomer, ...fields } = patch;
    if (clientReference !== undefined) record.clientReference = clientReference;
    if (parentCustomer !== undefined) record.parentCustomer = parentCustomer;
    this.prepareEdit(record);
    Object.assign(record.customer, structuredClone(fields), { customerGuid: record.customer.customerGuid });
    this.touch(record, 'customer');
    return true;
  }

  deleteCustomer(guid: string): boolean {
    const record = this.record(guid);
    if (!record) return false;
    this.byKey.delete(record.key);
    this.sorted.splice(this.indexOf(record.key), 1);
    if (record.seeded) this.deletedSeeded.add(record.key);
    this.changed('delete', record);
    return true;
  }

  /**
   * Before the first edit of a seeded customer its children are generated, since seedChildren
   * may read the customer's fields: the children then do not depend on when they were first read.
   */
  prepareEdit(record: CustomerRecord): void {
    if (record.seeded && !record.children) this.children(record);
  }

  /** Everything that differs from the seed, deep-copied: for equality checks and persistence. */
  snapshot(): StoreSnapshot {
    const customers = this.sorted
      .filter((r) => r.changed || r.childrenChanged)
      .map((r) => ({
        customer: r.customer,
        clientReference: r.clientReference,
        parentCustomer: r.parentCustomer,
        derivedName: r.derivedName,
        seeded: r.seeded,
        // A changed customer's children may no longer be reproducible from the seed (they are
        // generated from the customer), so they are kept as they are.
        ...((r.childrenChanged || r.changed) && r.children ? { children: r.children } : {}),
      }));
    return structuredClone({ customers, deleted: [...this.deletedSeeded].sort() });
  }

  /** Replays a snapshot over the seeded data (loading a persisted file). */
  restore(snapshot: StoreSnapshot): void {
    this.reseed();
    for (const key of snapshot.deleted) this.deleteCustomer(key);
    for (const stored of snapshot.customers) {
      const existing = this.record(stored.customer.customerGuid);
      if (existing) this.deleteCustomer(existing.key);
      const record = this.newRecord(structuredClone(stored.customer), stored, stored.seeded);
      record.derivedName = stored.derivedName;
      record.changed = true;
      if (stored.children) {
        record.children = structuredClone(stored.children);
        record.childrenChanged = true;
      }
      this.deletedSeeded.delete(record.key);
      this.place(record);
    }
    this.changed('reset', undefined);
  }

  private newRecord(customer: Customer, internals: CustomerInternals, seeded: boolean): CustomerRecord {
    return {
      key: keyOf(customer.customerGuid),
      customer,
      clientReference: internals.clientReference ?? null,
      parentCustomer: internals.parentCustomer ?? null,
      derivedName: isDerivedName(customer),
      seeded,
      children: undefined,
      changed: false,
      childrenChanged: false,
    };
  }

  private place(record: CustomerRecord): void {
    this.byKey.set(record.key, record);
    this.sorted.splice(this.insertionPoint(record.key), 0, record);
  }

  /** First index whose key is >= key (binary search over the sorted array). */
  private insertionPoint(key: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] as CustomerRecord).key < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(key: string): number {
    const index = this.insertionPoint(key);
    if (this.sorted[index]?.key !== key) throw new Error(`Store index out of sync at ${key}`);
    return index;
  }

  private changed(change: CustomerChange | undefined, record: CustomerRecord | undefined): void {
    if (change) {
      this.version++;
      for (const listener of this.listeners) listener(change, record);
    }
    this.revision++;
    this.onChange();
  }
}
