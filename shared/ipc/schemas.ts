import * as v from 'valibot';
import { connectionProfile, DEMO_PROFILE_ID, profileInput } from '../profiles';
import {
  journalEntrySchema, journalRecordSchema, maxJournalExportEntries, maxJournalRecords,
} from './journal';
import { objectOf } from './object';
import { apiFailureSchema } from './result';

/*
 * The payloads of the bridge, one valibot schema each. Argument schemas are strict (a key the
 * contract does not name is refused, not ignored) and give every check a message of its own,
 * so no failure ever quotes what the renderer sent. Result schemas describe what main sends;
 * they are checked in tests and development only.
 */

/** A channel without arguments accepts nothing, or an empty object. */
export const noArgs = v.optional(objectOf({}, 'Takes no arguments'));

const uuid = /^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/iu;
export const profileIdSchema = v.pipe(
  v.string('Must be a profile id'),
  v.check((id) => id === DEMO_PROFILE_ID || uuid.test(id), 'Must be a profile id'),
);

export const secretKindSchema = v.picklist(['clientSecret', 'apiKey'], 'Must be clientSecret or apiKey');
export type SecretKindName = v.InferOutput<typeof secretKindSchema>;

/** Matches the vault's limit (electron/credentials MAX_SECRET_LENGTH). */
export const maxSecretLength = 2048;
export const secretValueSchema = v.pipe(
  v.string('Must be text'),
  v.minLength(1, 'Is required (to remove a secret, clear it)'),
  v.maxLength(maxSecretLength, `Must be at most ${maxSecretLength} characters`),
  v.regex(/^[^\p{Cc}]*$/u, 'Must not contain control characters or line breaks'),
);

export const appInfoSchema = v.strictObject({ version: v.string(), platform: v.string(), locale: v.string() });

/** A stored profile, as main sends it: never with a secret (the schema has no field for one). */
export const connectionProfileSchema = connectionProfile;

export const profilesRecoverySchema = v.strictObject({ keptAs: v.string(), message: v.string() });

export const profilesListSchema = v.strictObject({
  profiles: v.array(connectionProfileSchema),
  activeId: v.string(),
  /** Set when the saved profiles could not be read at start (the UI tells the user once). */
  recovery: v.optional(profilesRecoverySchema),
});

export const profileFormArgs = objectOf({ input: profileInput });
export const profileUpdateArgs = objectOf({ id: profileIdSchema, input: profileInput });
export const profileIdArgs = objectOf({ id: profileIdSchema });

/**
 * Removing a profile, or clearing a credential (signing out), while the profile's journal holds
 * unsynced changes fails with 'unsynced-changes' unless the user confirmed (after being offered
 * an export of the changes).
 */
const confirmUnsynced = v.optional(v.boolean('Must be true or false'));
export const profileRemoveArgs = objectOf({ id: profileIdSchema, confirmUnsynced });

export const profileRemovedSchema = v.strictObject({
  /** The profile now active (the Demo profile when the removed one was active). */
  activeId: v.string(),
  /** false when the keychain could not delete the secrets (e.g. it was locked): tell the user. */
  secretsDeleted: v.boolean(),
});

export const pingSchema = v.strictObject({ latencyMs: v.number() });

/** Where the vault keeps secrets on this computer, as the settings screen shows it. */
export const vaultBackendSchema = v.strictObject({
  kind: v.picklist(['keytar', 'safeStorage', 'unavailable']),
  detail: v.string(),
  /** Secrets are stored but only obfuscated (safeStorage's basic_text, allowed by the user). */
  insecure: v.optional(v.boolean()),
  /** The user allowed unprotected storage of secrets in Settings; false until they do. */
  unprotectedAllowed: v.boolean(),
});

/** Whether each secret is set; never the secret itself. */
export const credentialStatusSchema = v.strictObject({
  clientSecret: v.boolean(),
  apiKey: v.boolean(),
  /** The Demo profile's credentials are built in: it has nothing to set or clear. */
  builtIn: v.boolean(),
  backend: vaultBackendSchema,
});

export const credentialProfileArgs = objectOf({ profileId: profileIdSchema });
export const credentialSetArgs = objectOf({ profileId: profileIdSchema, kind: secretKindSchema, value: secretValueSchema });
export const credentialClearArgs = objectOf({ profileId: profileIdSchema, kind: secretKindSchema, confirmUnsynced });

/**
 * The Settings switch "allow unprotected storage of secrets" (used only where neither the OS
 * keychain nor an OS-protected safeStorage key exists, e.g. Linux with basic_text). Turning it
 * on needs `confirmRisk: true`: the user was told that anyone who can read their files can then
 * read the secrets, and agreed. Turning it off needs nothing.
 */
export const vaultUnprotectedArgs = v.pipe(
  objectOf({
    allow: v.boolean('Must be true or false'),
    confirmRisk: v.optional(v.literal(true, 'Must be true (the user confirmed the risk), or left out')),
  }),
  v.forward(
    v.partialCheck(
      [['allow'], ['confirmRisk']],
      (input) => !input.allow || input.confirmRisk === true,
      'Must be true to allow unprotected storage: the user has to confirm the risk first',
    ),
    ['confirmRisk'],
  ),
);

export const connectivityStates = ['online', 'offline', 'unauthorized'] as const;
export const connectivityReportSchema = v.strictObject({
  state: v.picklist(connectivityStates),
  profileId: v.string(),
  /** Why the state is not online. */
  failure: v.optional(apiFailureSchema),
});

export const authStates = ['ok', 'needs-credentials', 'rejected'] as const;
export const authChangedSchema = v.strictObject({ profileId: v.string(), state: v.picklist(authStates) });

export const profilesChangedSchema = v.strictObject({ activeId: v.string() });

/* The outbox journal (shared/ipc/journal.ts, electron/journal). */

export const journalAppendArgs = objectOf({
  profileId: profileIdSchema,
  records: v.pipe(
    v.array(journalRecordSchema, 'Must be a list of journal records'),
    v.minLength(1, 'Must hold at least one record'),
    v.maxLength(maxJournalRecords, `Must hold at most ${maxJournalRecords} records (send more in several calls)`),
  ),
});
export const journalAppendedSchema = v.strictObject({
  /** Entries live in the journal after this append (unsynced changes). */
  live: v.number(),
});

export const journalProfileArgs = objectOf({ profileId: profileIdSchema });
export const journalContentSchema = v.strictObject({
  /** The live entries, oldest first (by seq). */
  entries: v.array(journalEntrySchema),
  /** What reading found and ignored (a torn last line after a crash); never an entry's content. */
  notes: v.array(v.string()),
});

export const journalExportArgs = objectOf({
  profileId: profileIdSchema,
  /** The entries to export (the renderer's outbox); without them, the journal's live entries. */
  entries: v.optional(v.pipe(
    v.array(journalEntrySchema, 'Must be a list of outbox entries'),
    v.minLength(1, 'Must hold at least one entry (leave it out to export the journal)'),
    v.maxLength(maxJournalExportEntries, `Must hold at most ${maxJournalExportEntries} entries`),
  )),
});
export const journalExportedSchema = v.strictObject({
  /** Where the file was written; null when the user cancelled the save dialog (nothing written). */
  path: v.nullable(v.string()),
  /** Changes in the file (0 when cancelled). */
  count: v.number(),
});

export const journalClearArgs = objectOf({
  profileId: profileIdSchema,
  confirm: v.literal(true, 'Must be true: clearing the journal discards the unsynced changes it holds'),
});
export const journalClearedSchema = v.strictObject({
  /** Live entries the journal held before it was cleared. */
  cleared: v.number(),
});
