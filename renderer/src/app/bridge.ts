import { createBridgeClient, type BridgeClient, type FieldbookWindowApi } from '../../../shared/ipc';

/*
 * The renderer's one way to the main process: `window.fieldbook`, defined by the preload (or by
 * the e2e harness), wrapped in the typed client of shared/ipc. Null in a plain browser, where
 * there is no preload: the app then shows why it cannot run rather than a blank page.
 */

declare global {
  interface Window {
    fieldbook?: FieldbookWindowApi;
  }
}

export function getBridge(): BridgeClient | null {
  const api = window.fieldbook;
  if (!api || typeof api.invoke !== 'function' || typeof api.on !== 'function') return null;
  return createBridgeClient(api);
}
