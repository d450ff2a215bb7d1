/*
 * "Open Settings at the credentials": the re-authentication banner asks for a section before it
 * navigates, and the Settings screen takes the request when it mounts (and scrolls there). A
 * plain module value rather than a URL: the hash route stays `#/settings`.
 */

export type SettingsSection = 'credentials';

let requested: SettingsSection | null = null;
const listeners = new Set<(section: SettingsSection) => void>();

export function requestSettingsSection(section: SettingsSection): void {
  requested = section;
  for (const listener of listeners) listener(section);
}

/** The pending request, once (it is cleared). */
export function takeSettingsSection(): SettingsSection | null {
  const section = requested;
  requested = null;
  return section;
}

/** For a Settings screen already open when the request comes. */
export function onSettingsSection(listener: (section: SettingsSection) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
