import { getContext, setContext } from 'svelte';
import type { BridgeClient } from '../../../shared/ipc';
import type { ConnectionProfile } from '../../../shared/profiles';
import type { FieldbookDb } from '../cache/db';
import type { SyncControl } from './sync-adapter';

/** What every screen may use: given once by the shell, read with useApp(). */
export interface AppContext {
  bridge: BridgeClient;
  db: FieldbookDb;
  profile: ConnectionProfile;
  sync: SyncControl;
}

const key = Symbol('fieldbook-app');

export function provideApp(app: AppContext): void {
  setContext(key, app);
}

export function useApp(): AppContext {
  const app = getContext<AppContext | undefined>(key);
  if (!app) throw new Error('useApp() outside the application shell');
  return app;
}
