import { hrefOf, parseHash, type Route } from './routes';

/*
 * A tiny hash router: the location hash is the single source of truth (so the browser's own
 * back and forward, Alt+← and Alt+→, and reloads all work), and `router.route` is its parsed,
 * reactive reading.
 */

let current = $state<Route>(typeof location === 'undefined' ? { name: 'customers' } : parseHash(location.hash));

export const router = {
  get route(): Route {
    return current;
  },
  /** Starts following the location; returns the function that stops. */
  start(): () => void {
    const sync = (): void => {
      current = parseHash(location.hash);
    };
    sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  },
  navigate(route: Route, options: { replace?: boolean } = {}): void {
    const href = hrefOf(route);
    if (options.replace) {
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
};
