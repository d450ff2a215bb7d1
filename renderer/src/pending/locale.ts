import { i18n, t } from '../i18n/index.svelte';
import type { Words } from './words';

/*
 * The Words of the running app: the catalogue in the chosen language and the locale's clock.
 * Called inside a component's $derived, `t` reads the language, so sentences follow a switch.
 */
export const uiWords: Words = {
  t,
  time: (ms) => new Intl.DateTimeFormat(i18n.locale, { timeStyle: 'short' }).format(ms),
};
