import { join } from 'node:path';
import { createCredentialVault, type CredentialVaultOptions } from '../credentials';
import { createJournalStore, type JournalStore, type JournalStoreOptions } from '../journal';
import { createProfileStore } from '../profiles';
import { createSession, type Session, type SessionOptions } from '../session';
import type { AppInfo } from '../../shared/ipc';
import { createBridge, type Bridge } from './bridge';

/*
 * Everything behind the bridge, assembled from the few things only Electron knows (the data
 * folder, safeStorage, version and locale), so that electron/main stays a thin shell and this
 * exact assembly runs in tests and in the e2e harness.
 */

export interface MainBridgeOptions {
  /** `app.getPath('userData')`: profiles.json, the secrets fallback file, the vault's setting, demo data and `journal/` live here. */
  readonly dataDir: string;
  readonly app: () => AppInfo;
  readonly allowedOrigins: readonly string[];
  readonly vault?: Omit<CredentialVaultOptions, 'dataDir'>;
  readonly session?: Omit<SessionOptions, 'profiles' | 'vault' | 'log'>;
  readonly log?: (line: string) => void;
  readonly checkResults?: boolean;
  /** Tuning of the outbox journals (kept in `<dataDir>/journal`). */
  readonly journal?: Omit<JournalStoreOptions, 'dir' | 'log'>;
  /** journal.export's save dialog: Electron's dialog.showSaveDialog in the app, a temp path in tests. */
  readonly chooseSavePath?: (defaultName: string) => Promise<string | null>;
}

export interface MainBridge {
  readonly bridge: Bridge;
  readonly session: Session;
  readonly journal: JournalStore;
  /** Stops monitoring and shuts the demo sandbox down (flushing its data): call it before quitting. */
  close(): Promise<void>;
}

export function createMainBridge(options: MainBridgeOptions): MainBridge {
  const log = options.log ?? (() => undefined);
  const vault = createCredentialVault({ ...options.vault, dataDir: options.dataDir });
  const profiles = createProfileStore({ dir: options.dataDir, vault });
  const session = createSession({ ...options.session, profiles, vault, log });
  const journal = createJournalStore({ ...options.journal, dir: join(options.dataDir, 'journal'), log });
  const bridge = createBridge({
    app: options.app,
    profiles,
    vault,
    session,
    journal,
    ...(options.chooseSavePath ? { chooseSavePath: options.chooseSavePath } : {}),
    allowedOrigins: options.allowedOrigins,
    log,
    ...(options.checkResults === undefined ? {} : { checkResults: options.checkResults }),
  });
  return { bridge, session, journal, close: () => session.close() };
}
