import type { MessageKey } from '../i18n/en';

/*
 * The keyboard shortcut registry: one keydown listener for the window, shortcuts registered by
 * whoever owns the action (the shell for navigation, the list for search), and the overview
 * dialog reads the same registry, so what it lists is what works.
 */

export interface KeyCombo {
  /** `event.key`, compared case-insensitively ('f', '/', '?', 'ArrowLeft', '['). */
  key: string;
  /** Ctrl on Windows and Linux, ⌘ on macOS. */
  mod?: boolean;
  alt?: boolean;
  /** Checked only when given: '?' is Shift+/ on most layouts and must not depend on it. */
  shift?: boolean;
}

export type ShortcutGroup = 'general' | 'navigation' | 'list';

export interface Shortcut {
  id: string;
  /** Alternatives: any one triggers it. */
  combos: KeyCombo[];
  label: MessageKey;
  group: ShortcutGroup;
  /** Absent for shortcuts only listed (handled by a component itself, such as the list's arrows). */
  run?: (event: KeyboardEvent) => void;
  /** Also while typing in a text field (Ctrl+S must save from inside the field). Default: only with a modifier. */
  inFields?: boolean;
}

const registry = new Map<string, Shortcut>();
const listeners = new Set<() => void>();

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/u.test(navigator.platform || navigator.userAgent);

/** Adds (or replaces) a shortcut; returns the function that removes it. */
export function registerShortcut(shortcut: Shortcut): () => void {
  registry.set(shortcut.id, shortcut);
  for (const listener of listeners) listener();
  return () => {
    if (registry.get(shortcut.id) === shortcut) registry.delete(shortcut.id);
    for (const listener of listeners) listener();
  };
}

export function listShortcuts(): Shortcut[] {
  return [...registry.values()];
}

export function onShortcutsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

export function matches(combo: KeyCombo, event: KeyboardEvent): boolean {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  if (Boolean(combo.mod) !== mod || Boolean(combo.alt) !== event.altKey) return false;
  if (combo.shift !== undefined && combo.shift !== event.shiftKey) return false;
  return event.key.toLowerCase() === combo.key.toLowerCase();
}

/** The window's keydown handler: runs the first shortcut that matches. */
export function handleShortcut(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing) return;
  const inField = isTextField(event.target);
  for (const shortcut of registry.values()) {
    if (!shortcut.run) continue;
    const combo = shortcut.combos.find((c) => matches(c, event));
    if (!combo) continue;
    if (inField && !shortcut.inFields && !combo.mod) continue;
    event.preventDefault();
    shortcut.run(event);
    return;
  }
}

const keyNames: Record<string, string> = { arrowleft: '←', arrowright: '→', arrowup: '↑', arrowdown: '↓', enter: 'Enter', escape: 'Esc' };

/** The keys of a combo as the user presses them: ['Ctrl', 'Shift', 'S'] or ['⌘', '⇧', 'S']. */
export function comboKeys(combo: KeyCombo): string[] {
  const keys: string[] = [];
  if (combo.mod) keys.push(isMac ? '⌘' : 'Ctrl');
  if (combo.alt) keys.push(isMac ? '⌥' : 'Alt');
  if (combo.shift) keys.push(isMac ? '⇧' : 'Shift');
  const key = combo.key.toLowerCase();
  keys.push(keyNames[key] ?? (key.length === 1 ? key.toUpperCase() : combo.key));
  return keys;
}
