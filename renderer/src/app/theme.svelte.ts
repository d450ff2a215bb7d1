/*
 * Light and dark follow the OS (prefers-color-scheme, in CSS) unless the user picks one; the
 * choice is a `data-theme` attribute on <html> that the CSS custom properties key on.
 */

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

const STORAGE_KEY = 'fieldbook.theme';

function stored(): Theme {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

let theme = $state<Theme>(stored());

function apply(value: Theme): void {
  if (value === 'system') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = value;
}

export const appearance = {
  get theme(): Theme {
    return theme;
  },
  setTheme(next: Theme): void {
    theme = next;
    apply(next);
    try {
      if (next === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // No storage: the choice lasts for this session.
    }
  },
  /** Applies the stored choice before the first paint (main.ts). */
  init(): void {
    apply(theme);
  },
};
