import type { Observable } from 'dexie';
import { describe, expect, it } from 'vitest';
import { ApiError, type CustomersApi } from '../../shared/api';
import { en, type Catalogue } from '../../renderer/src/i18n/en';
import { sv } from '../../renderer/src/i18n/sv';
import { recordOpened } from '../../renderer/src/sync/briefcase';
import { createSyncEngine } from '../../renderer/src/sync/engine';
import type { SyncText } from '../../renderer/src/sync/messages';
import { createSyncStatus } from '../../renderer/src/sync/status';
import { apiOf, enableLiveQueries, newDb, spyApi, useSyncSandbox } from './pull-harness';

/*
 * What the sync engine and its status put on screen (the status pill's tooltip: why a sync
 * paused or stopped, customers whose detail could not be downloaded, a queue that could not be
 * read) comes from the UI's catalogues, so a Swedish user reads Swedish. Each is said here as
 * the pill says it: the catalogue of the language, its plural rules, the parameters filled in.
 */

enableLiveQueries();
const sandbox = useSyncSandbox({ customers: 20 });

const catalogues = { en, sv } as const satisfies Record<string, Catalogue>;

function say(language: keyof typeof catalogues, text: SyncText | null): string {
  if (!text) throw new Error('nothing to say');
  const message = catalogues[language][text.key] as string | { one: string; other: string };
  const form = typeof message === 'string' ? message : new Intl.PluralRules(language).select(Number(text.params?.['count'] ?? 0)) === 'one' ? message.one : message.other;
  return form.replace(/\{(\w+)\}/gu, (whole, name: string) => (text.params?.[name] === undefined ? whole : String(text.params[name])));
}

const placeholders = (message: string | { one: string; other: string }): string[] =>
  [...new Set([...(typeof message === 'string' ? [message] : [message.one, message.other])].flatMap((form) => form.match(/\{\w+\}/gu) ?? []))].sort();

const failing = (failure: ConstructorParameters<typeof ApiError>[0]): CustomersApi => ({
  call: async () => {
    throw new ApiError(failure);
  },
});

describe('sync messages in the user\'s language', () => {
  it('every sentence of the sync engine and status is in the Swedish catalogue, translated, with the same parameters', () => {
    const keys = (Object.keys(en) as (keyof typeof en)[]).filter((key) => key.startsWith('sync.'));
    expect(keys.length).toBeGreaterThanOrEqual(11);
    for (const key of keys) {
      expect(typeof sv[key], key).toBe(typeof en[key]);
      expect(sv[key], key).not.toEqual(en[key]);
      expect(placeholders(sv[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('customers whose full detail could not be downloaded: counted, in Swedish and English, on the status and the report', async () => {
    const db = newDb();
    const status = createSyncStatus(db);
    const guids = sandbox().store.ordered().slice(0, 2).map((record) => record.customer.customerGuid);
    for (const guid of guids) await recordOpened(db, guid);
    const { api } = spyApi(apiOf(sandbox()), (operation) => {
      if (operation === 'getCustomer') throw new ApiError({ kind: 'server', status: 503, message: 'The server had a problem (HTTP 503).' });
    });
    const engine = createSyncEngine({ db, api, status, scope: '', drainOutbox: async () => ({ paused: null }) });

    const report = await engine.syncNow();
    expect(report.outcome).toBe('synced');
    expect(report.briefcase?.failed).toHaveLength(2);
    expect(say('sv', status.get().lastError)).toBe('Alla uppgifter om 2 kunder kunde inte hämtas; det görs ett nytt försök.');
    expect(say('en', status.get().lastError)).toBe('The full detail of 2 customers could not be downloaded; it will be tried again.');
    expect(report.message).toEqual(status.get().lastError);
    expect(say('sv', { key: 'sync.detailFailed', params: { count: 1 } })).toBe('Alla uppgifter om 1 kund kunde inte hämtas; det görs ett nytt försök.');
  });

  it('a push paused for signing in says so in Swedish', async () => {
    const db = newDb();
    const status = createSyncStatus(db);
    const engine = createSyncEngine({ db, api: apiOf(sandbox()), status, scope: '', drainOutbox: async () => ({ paused: 'reauth' as const }) });
    const report = await engine.syncNow();
    expect(report.outcome).toBe('paused');
    expect(say('sv', status.get().lastError)).toBe('Logga in igen: servern godtog inte inloggningsuppgifterna. Dina ändringar finns kvar och skickas efteråt.');
    const configure = createSyncEngine({ db, api: apiOf(sandbox()), status, scope: '', drainOutbox: async () => ({ paused: 'configure' as const }) });
    await configure.syncNow();
    expect(say('sv', status.get().lastError)).toBe('Anslutningsprofilen går inte att använda som den är; kontrollera dess inställningar. Dina ändringar finns kvar.');
  });

  it('a sync stopped by the server says what happened and what follows, in Swedish, with the server\'s words for support', async () => {
    const db = newDb();
    const status = createSyncStatus(db);
    const say503 = createSyncEngine({
      db, status, scope: '', drainOutbox: async () => ({ paused: null }),
      api: failing({ kind: 'server', status: 503, message: 'The server had a problem (HTTP 503).', problem: { title: 'Service Unavailable' } }),
    });
    const report = await say503.syncNow();
    expect(report).toMatchObject({ outcome: 'failed', failure: { kind: 'server', status: 503 } });
    expect(say('sv', status.get().lastError)).toBe('Servern fick ett fel (HTTP 503: Service Unavailable). Dina ändringar finns kvar; synken görs om.');
    expect(status.get().connectivity).toBe('online');

    const refusedScope = createSyncEngine({
      db, status, scope: '', drainOutbox: async () => ({ paused: null }),
      api: failing({ kind: 'bad-request', status: 400, message: 'The server refused the request (HTTP 400).', problem: { detail: "Unknown property 'nonsense' in $filter" } }),
    });
    await refusedScope.syncNow();
    expect(say('sv', status.get().lastError)).toBe(
      'Servern avvisade en begäran under synken (HTTP 400: Unknown property \'nonsense\' in $filter); om det fortsätter, kontrollera profilens adress och hämtningsurval i Inställningar. Dina ändringar finns kvar.',
    );
  });

  it('a lost network, and an error that is not the API\'s, are said in Swedish too', async () => {
    const db = newDb();
    const status = createSyncStatus(db);
    const offline = createSyncEngine({ db, status, scope: '', drainOutbox: async () => ({ paused: null }), api: failing({ kind: 'network', message: 'The server could not be reached.' }) });
    expect(await offline.syncNow()).toMatchObject({ outcome: 'failed', failure: { kind: 'network' }, message: { key: 'sync.failed.network' } });
    expect(say('sv', status.get().lastError)).toBe('Servern gick inte att nå. Dina ändringar finns kvar och skickas när anslutningen är tillbaka.');
    expect(status.get().connectivity).toBe('offline');

    const broken = createSyncEngine({
      db, status, scope: '', api: apiOf(sandbox()),
      drainOutbox: async () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    });
    const report = await broken.syncNow();
    expect(report).toMatchObject({ outcome: 'failed', failure: null });
    expect(say('sv', status.get().lastError)).toBe('Synken avbröts av ett oväntat fel (QuotaExceededError: The quota has been exceeded.). Dina ändringar finns kvar; synken görs om.');
  });

  it('a sync queue that cannot be read is said in Swedish', () => {
    const status = createSyncStatus(newDb(), {
      observe: () => ({
        subscribe: ({ error }: { error: (reason: unknown) => void }) => {
          error(new DOMException('Database deleted by request of the user', 'DatabaseClosedError'));
          return { unsubscribe: () => undefined };
        },
      }) as unknown as Observable<never>,
    });
    const off = status.subscribe(() => undefined);
    expect(say('sv', status.get().lastError)).toBe('Kön med ändringar som ska skickas gick inte att läsa (DatabaseClosedError: Database deleted by request of the user).');
    off();
  });
});
