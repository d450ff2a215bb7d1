import { Dexie, type EntityTable, type Table } from 'dexie';
import { bucketOf, CustomerStore, writeStampKey, type CustomerBucket } from './customer-buckets';
import type {
  Base,
  BriefcaseEntry,
  CachedAccruedInterest,
  CachedAddress,
  CachedCreditInsurance,
  CachedCustomer,
  CachedExtraField,
  CachedLedger,
  CachedMandate,
  CachedParameter,
  CachedQuestion,
  ConflictRecord,
  IdMapping,
  MetaEntry,
  OutboxEntry,
} from './records';

/*
 * The offline cache: one IndexedDB database per connection profile, so a test tenant's data
 * never mixes with production's. Schema changes are new `version()` blocks with an upgrade
 * function; a released version is never edited (Dexie's migration model).
 */

export class FieldbookDb extends Dexie {
  /** Customers, stored in buckets (customer-buckets.ts says why); a transaction over them names `customerBuckets`. */
  readonly customers = new CustomerStore(() => this.customerBuckets);
  customerBuckets!: Table<CustomerBucket, string>;
  addresses!: EntityTable<CachedAddress, 'id'>;
  parameters!: Table<CachedParameter, [string, string]>;
  extraFields!: Table<CachedExtraField, [string, string]>;
  mandates!: EntityTable<CachedMandate, 'id'>;
  creditInsurances!: EntityTable<CachedCreditInsurance, 'id'>;
  questions!: EntityTable<CachedQuestion, 'actionGuid'>;
  ledgers!: EntityTable<CachedLedger, 'customerGuid'>;
  accruedInterest!: EntityTable<CachedAccruedInterest, 'customerGuid'>;
  bases!: Table<Base, [string, string]>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  conflicts!: EntityTable<ConflictRecord, 'id'>;
  idMap!: EntityTable<IdMapping, 'localId'>;
  briefcase!: EntityTable<BriefcaseEntry, 'customerGuid'>;
  meta!: EntityTable<MetaEntry, 'key'>;

  constructor(name: string, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      customers: 'customerGuid, sortName, [sortCity+sortName], customerReference, idNumber, email, regDate, *searchTerms, passId',
      addresses: 'id, customerGuid, serverId',
      parameters: '[customerGuid+name], customerGuid',
      extraFields: '[customerGuid+name], customerGuid',
      mandates: 'id, customerGuid, serverId',
      creditInsurances: 'id, customerGuid, serverId',
      questions: 'actionGuid, customerGuid',
      ledgers: 'customerGuid',
      accruedInterest: 'customerGuid',
      bases: '[entity+key]',
      outbox: '++seq, entityKey, customerGuid, state',
      conflicts: '++id, entityKey, customerGuid, outboxSeq',
      idMap: 'localId, serverId',
      briefcase: 'customerGuid, openedAt',
      meta: 'key',
    });
    // Version 2: customers keep only the indexes something reads. The multi-entry
    // `*searchTerms` index (about 15 entries a customer) and the unused customerReference,
    // idNumber, email and regDate indexes (the list sorts and filters by those in memory) made
    // every customer write, so every page of every pull, cost about twice what it does without
    // them (measured by `npm run bench`, first-download). `searchTerms` stays on the record:
    // the list's in-memory projection searches it.
    this.version(2).stores({
      customers: 'customerGuid, sortName, [sortCity+sortName], passId',
    });
    // Version 3: customer bases are lazy (sync/customer-store.ts says why). A cache made before
    // holds one for every pulled customer, and the pull keeps every base it finds current, so
    // those redundant copies would keep costing a write each. Only a customer with something
    // queued (its own edit or an address edit) needs one; the rest are dropped.
    this.version(3).upgrade(async (tx) => {
      const queued = new Set<string>();
      await tx.table('outbox').each((entry: OutboxEntry) => queued.add(entry.customerGuid.toLowerCase()));
      await tx.table('bases').where('[entity+key]').between(['customer', Dexie.minKey], ['customer', Dexie.maxKey])
        .filter((base: Base) => !queued.has(base.key.toLowerCase())).delete();
    });
    // Version 4: customers move into buckets of a GUID prefix (cache/customer-buckets.ts says
    // why), and with them the last customer indexes: the list sorts and searches in memory.
    this.version(4).stores({ customers: null, customerBuckets: 'key, oldestPass' }).upgrade(async (tx) => {
      const buckets = new Map<string, CustomerBucket>();
      await tx.table('customers').each((customer: CachedCustomer) => {
        const key = bucketOf(customer.customerGuid);
        let bucket = buckets.get(key);
        if (!bucket) buckets.set(key, (bucket = { key, rows: {}, oldestPass: customer.passId }));
        bucket.rows[customer.customerGuid] = customer;
        bucket.oldestPass = Math.min(bucket.oldestPass ?? customer.passId, customer.passId);
      });
      await tx.table('customerBuckets').bulkPut([...buckets.values()]);
      // A stamp from the start, so the list's first page can be kept before the next write.
      await tx.table('customerBuckets').put({ key: writeStampKey, rows: {}, stamp: `upgrade-${Date.now().toString(36)}` });
    });
  }
}

/** The database name of a profile. Profile ids are UUIDs or 'demo', safe as a name. */
export const databaseName = (profileId: string): string => `fieldbook-${profileId}`;

export function openCache(profileId: string, options?: ConstructorParameters<typeof Dexie>[1]): FieldbookDb {
  return new FieldbookDb(databaseName(profileId), options);
}
