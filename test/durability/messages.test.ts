import { describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../shared/ipc';
import {
  clearCache, durabilityTextOf, inEnglish, restoredEntry, restoredFailureText, toJournalEntry, UnsyncedChangesError, type DurabilityText,
} from '../../renderer/src/durability';
import { en, type Catalogue } from '../../renderer/src/i18n/en';
import { sv } from '../../renderer/src/i18n/sv';
import { createCustomer, createParameter } from '../../renderer/src/outbox';
import type { QueuedEntry } from '../../renderer/src/outbox/queue';
import { openReady, useWorld } from './fixtures';

/*
 * What the durability module tells the user comes from the UI's catalogues, so a Swedish user
 * reads Swedish: the start-up report, the journal mirror's trouble, a refused clear, and the
 * line a restored change carries on the Pending page. Each is said here as the app says it
 * (the catalogue of the language, its plural rules, the parameters filled in).
 */

const world = useWorld();

const catalogues = { en, sv } as const satisfies Record<string, Catalogue>;

function say(language: keyof typeof catalogues, text: DurabilityText): string {
  const message = catalogues[language][text.key] as string | { one: string; other: string };
  const form = typeof message === 'string' ? message : new Intl.PluralRules(language).select(Number(text.params?.['count'] ?? 0)) === 'one' ? message.one : message.other;
  return form.replace(/\{(\w+)\}/gu, (whole, name: string) => (text.params?.[name] === undefined ? whole : String(text.params[name])));
}

const placeholders = (message: string | { one: string; other: string }): string[] =>
  [...new Set([...(typeof message === 'string' ? [message] : [message.one, message.other])].flatMap((form) => form.match(/\{\w+\}/gu) ?? []))].sort();

describe('durability messages in the user\'s language', () => {
  it('every sentence of the durability module is in the Swedish catalogue, translated, with the same parameters', () => {
    const keys = (Object.keys(en) as (keyof typeof en)[]).filter((key) => key.startsWith('durability.'));
    expect(keys.length).toBeGreaterThanOrEqual(10);
    for (const key of keys) {
      expect(typeof sv[key], key).toBe(typeof en[key]);
      expect(sv[key], key).not.toEqual(en[key]);
      expect(placeholders(sv[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('the start-up report: a journal that cannot be read is announced in Swedish', async () => {
    const { client } = world();
    const unreadable: BridgeClient = {
      ...client,
      journal: { ...client.journal, read: async () => ({ ok: false, failure: { kind: 'internal', message: 'EACCES' } }) },
    };
    const { report } = await openReady('demo', unreadable);
    expect(report.journal).toBe('unavailable');
    expect(report.messages.map((text) => say('sv', text))).toEqual([
      'Säkerhetsjournalen med osynkade ändringar gick inte att läsa; Fieldbook fortsätter att försöka skriva den.',
    ]);
    expect(report.messages.map(inEnglish)).toEqual(['The safety journal of unsynced changes could not be read; Fieldbook keeps trying to write it.']);
  });

  it('a refused clear says how many changes would be lost, in Swedish, and in English as its message', async () => {
    const { client } = world();
    const { db } = await openReady('demo', client);
    const guid = await createCustomer(db, { fullName: 'Osynkad AB', juridicalType: 1 });
    await createParameter(db, guid, { name: 'Segment', value: 'SME' });
    const refusal = await clearCache(db).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UnsyncedChangesError);
    const text = durabilityTextOf(refusal)!;
    expect(say('sv', text)).toBe('2 ändringar har inte nått servern än. Exportera dem först, eller bekräfta att de får gå förlorade.');
    expect((refusal as Error).message).toBe('2 changes have not reached the server yet. Export them first, or confirm that they may be lost.');
    expect(say('sv', { key: 'durability.unsynced', params: { count: 1 } })).toBe('1 ändring har inte nått servern än. Exportera den först, eller bekräfta att den får gå förlorad.');
  });

  it('a change restored from the journal explains itself in Swedish; any other failure keeps its own message', async () => {
    const { client } = world();
    const { db } = await openReady('demo', client);
    await createCustomer(db, { fullName: 'Återställd AB', juridicalType: 1 });
    const [queued] = (await db.outbox.toArray()) as QueuedEntry[];
    const restored = restoredEntry(toJournalEntry(queued!));
    const text = restoredFailureText(restored.lastFailure)!;
    expect(say('sv', text)).toBe(
      'Återställd från journalen efter att offlinedatabasen gick förlorad; Fieldbook kontrollerar med servern om ändringen redan har kommit fram innan den skickas.',
    );
    expect(restoredFailureText({ kind: 'unknown-outcome', message: 'The connection dropped after the request was sent.' })).toBeNull();
    expect(restoredFailureText(null)).toBeNull();
  });

  it('the journal mirror\'s trouble and the report\'s other notes read as Swedish sentences', () => {
    expect(say('sv', { key: 'durability.journalRetrying', params: { message: 'ENOSPC' } })).toBe('Osynkade ändringar kunde inte sparas i säkerhetsjournalen (ENOSPC); försöker igen.');
    expect(say('sv', { key: 'durability.restored', params: { count: 3 } })).toBe('Återställde 3 osynkade ändringar från journalen.');
    expect(say('sv', { key: 'durability.failedRebuilds', params: { count: 1 } })).toBe('1 post visar de återställda ändringarna efter nästa synk.');
    expect(say('sv', { key: 'durability.unavailable.safe', params: { count: 2, why: 'VersionError' } })).toBe(
      'Profilens offlinedatabas går inte att öppna (VersionError). 2 osynkade ändringar finns i säkerhet i journalen: exportera dem och nollställ sedan offlinedatabasen.',
    );
  });
});
