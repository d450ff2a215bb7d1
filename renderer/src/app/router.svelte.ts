import { untrack } from 'svelte';
import { hrefOf, parseHash, type Route } from './routes';

/*
 * A tiny hash router: the location hash is the single source of truth (so the browser's own
 * back and forward, Alt+← and Alt+→, and reloads all work), and `router.route` is its parsed,
 * reactive reading.
 *
 * Leaving is guarded: a location change the guard refuses is undone before any screen sees it
 * (the URL goes back to the form, the form stays mounted), and the guard asks the user, then
 * navigates itself if they agree. The app has one such guard, for every form that holds
 * unsaved input (forms/unsaved.ts, forms/LeaveQuestion.svelte). A hash change cannot be
 * cancelled, only undone, hence the pushState.
 */

/** Says whether the app may leave for `next` now; false keeps the current screen. */
export type LeaveGuard = (next: Route) => boolean;

let current = $state<Route>(typeof location === 'undefined' ? { name: 'customers' } : parseHash(location.hash));
const guards: LeaveGuard[] = [];

function mayLeave(next: Route): boolean {
  // Also asked from effects (a screen that rewrites its own address with `replace`): reading the
  // current route, or the forms' state the guard reads, must not make that effect depend on them.
  return untrack(() => {
    const guard = guards.at(-1);
    if (!guard || hrefOf(next) === hrefOf(current)) return true;
    return guard(next);
  });
}

export const router = {
  get route(): Route {
    return current;
  },
  /** Starts following the location; returns the function that stops. */
  start(): () => void {
    const sync = (): void => {
      const next = parseHash(location.hash);
      if (mayLeave(next)) current = next;
      // Refused: put the form's URL back (pushState fires no hashchange) so the address and the screen agree.
      else history.pushState(history.state, '', hrefOf(current));
    };
    sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  },
  navigate(route: Route, options: { replace?: boolean } = {}): void {
    const href = hrefOf(route);
    if (options.replace) {
      if (!mayLeave(parseHash(href))) return;
      history.replaceState(history.state, '', href);
      current = parseHash(href);
    } else if (location.hash !== href) {
      location.hash = href;
    }
  },
  back(): void {
    history.back();
  },
  forward(): void {
    history.forward();
  },
  /** Guards leaving the current screen (the last one added is asked); returns the function that removes it. */
  guardLeave(guard: LeaveGuard): () => void {
    guards.push(guard);
    return () => {
      const at = guards.lastIndexOf(guard);
      if (at >= 0) guards.splice(at, 1);
    };
  },
};
