import { describe, expect, it } from 'vitest';
import { failureKinds } from '../../shared/api/errors';
import { bridgeOnlyKinds, type BridgeFailure } from '../../shared/ipc';
import { en, type Catalogue } from '../../renderer/src/i18n/en';
import { sv } from '../../renderer/src/i18n/sv';
import {
  failureDetail, settingsFailure, SettingsFailureError, settingsFailureOf, type SettingsAction, type SettingsText,
} from '../../renderer/src/settings/messages';

/*
 * What Settings says when main fails (settings/messages.ts): for every kind of failure the
 * bridge can answer with, a sentence the catalogues hold in English and Swedish, and main's own
 * words kept apart as the detail. test/ui/settings-messages.e2e.test.ts shows them on screen.
 */

const catalogues = { en, sv } as const satisfies Record<string, Catalogue>;

function say(language: keyof typeof catalogues, text: SettingsText | null): string {
  if (!text) return '';
  const message = catalogues[language][text.key] as string | { one: string; other: string };
  const form = typeof message === 'string' ? message : new Intl.PluralRules(language).select(Number(text.params?.['count'] ?? 0)) === 'one' ? message.one : message.other;
  return form.replace(/\{(\w+)\}/gu, (whole, name: string) => (text.params?.[name] === undefined ? whole : String(text.params[name])));
}

const placeholders = (message: string | { one: string; other: string }): string[] =>
  [...new Set([...(typeof message === 'string' ? [message] : [message.one, message.other])].flatMap((form) => form.match(/\{\w+\}/gu) ?? []))].sort();

const failureOfKind = (kind: BridgeFailure['kind']): BridgeFailure =>
  (kind === 'unsynced-changes' ? { kind, message: `main's words for ${kind}`, count: 3 } : { kind, message: `main's words for ${kind}` }) as BridgeFailure;

const actions: SettingsAction[] = ['load', 'switch', 'save', 'secretStatus', 'secretSave', 'secretSaveAfterCreate', 'secretClear', 'storageStatus', 'storageChange', 'delete', 'test'];

describe('Settings failures in the user\'s language', () => {
  it('every kind, for every action: a translated sentence without main\'s words, which are the detail', () => {
    for (const kind of [...failureKinds, ...bridgeOnlyKinds]) {
      for (const action of actions) {
        const shown = settingsFailure(action, failureOfKind(kind));
        for (const language of ['en', 'sv'] as const) {
          const sentence = `${say(language, shown.headline)} ${say(language, shown.reason)}`;
          expect(sentence, `${action} ${kind} ${language}`).not.toMatch(/\{\w+\}|main's words/u);
        }
        expect(say('sv', shown.headline), `${action} ${kind}`).not.toBe(say('en', shown.headline));
        expect(shown.detail).toBe(`main's words for ${kind}`);
      }
    }
  });

  it('says why by the kind of failure, not one sentence for all', () => {
    const reasons = new Set((['invalid-request', 'vault-unavailable', 'internal', 'unsynced-changes', 'network', 'unauthorized'] as const)
      .map((kind) => settingsFailure('save', failureOfKind(kind)).reason?.key));
    expect(reasons.size).toBe(6);
    expect(say('en', settingsFailure('secretClear', failureOfKind('unsynced-changes')).reason)).toBe('Nothing was changed: 3 changes of this profile have not reached the server yet.');
    expect(say('sv', settingsFailure('secretSave', failureOfKind('vault-unavailable')).headline)).toBe('Hemligheten sparades inte.');
    // A test connection's headline is the kind itself, as before; main's words go to the detail.
    expect(settingsFailure('test', failureOfKind('network'))).toEqual({ headline: { key: 'settings.test.network' }, reason: null, detail: 'main\'s words for network' });
  });

  it('every new sentence is in the Swedish catalogue, translated, with the same parameters', () => {
    const keys = (Object.keys(en) as (keyof typeof en)[]).filter((key) => key.startsWith('settings.failed.') || key.startsWith('settings.failure.'));
    expect(keys.length).toBeGreaterThanOrEqual(15);
    for (const key of keys) {
      expect(typeof sv[key], key).toBe(typeof en[key]);
      expect(sv[key], key).not.toEqual(en[key]);
      expect(placeholders(sv[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('the detail keeps the server\'s status and words when main\'s sentence does not already say them', () => {
    expect(failureDetail({ kind: 'server', message: 'The server had a problem.', status: 503, problem: { title: 'Service Unavailable', status: 503 } }))
      .toBe('The server had a problem.\nHTTP 503\nService Unavailable');
    expect(failureDetail({ kind: 'server', message: 'The server had a problem (HTTP 503).', status: 503 })).toBe('The server had a problem (HTTP 503).');
  });

  it('a failure thrown through a confirmation dialog comes out as it went in', () => {
    const failure = settingsFailure('delete', failureOfKind('internal'));
    expect(settingsFailureOf(new SettingsFailureError(failure))).toBe(failure);
    expect(settingsFailureOf(new Error('other'))).toBeNull();
  });
});
