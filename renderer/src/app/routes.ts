import { isDetailTab, type DetailTab } from '../customers/detail/tabs';

/*
 * The app's screens as data, and their hash URLs (`#/customers/<guid>/<tab>`). Plain functions,
 * so links, shortcuts and tests build the same URLs. URLs are assembled from segments: an API
 * path never appears as a string anywhere but the route table (the lint rule), and a hash route
 * that looked like one would trip it.
 */

export type Route =
  | { name: 'customers' }
  | { name: 'customer'; guid: string; tab: DetailTab }
  | { name: 'customer-new' }
  /** The editing form of a customer (the forms' engineer fills this screen). */
  | { name: 'customer-edit'; guid: string }
  | { name: 'pending' }
  | { name: 'conflict'; id: number }
  | { name: 'settings' }
  | { name: 'not-found'; path: string };

const CUSTOMERS = 'customers';

function segmentsOf(route: Route): string[] {
  switch (route.name) {
    case 'customers': return [CUSTOMERS];
    case 'customer': return route.tab === 'overview' ? [CUSTOMERS, route.guid] : [CUSTOMERS, route.guid, route.tab];
    case 'customer-new': return [CUSTOMERS, 'new'];
    case 'customer-edit': return [CUSTOMERS, route.guid, 'edit'];
    case 'pending': return ['pending'];
    case 'conflict': return ['conflicts', String(route.id)];
    case 'settings': return ['settings'];
    case 'not-found': return route.path.split('/').filter(Boolean);
  }
}

/** The href of a route: `#/` and its segments, each URL-encoded. */
export function hrefOf(route: Route): string {
  return `#/${segmentsOf(route).map(encodeURIComponent).join('/')}`;
}

/** The route of a location hash; '' and '#/' are the customer list. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/u, '');
  let parts: string[];
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { name: 'not-found', path };
  }
  const [first, second, third, ...rest] = parts;
  if (first === undefined) return { name: 'customers' };
  if (first === CUSTOMERS) {
    if (second === undefined) return { name: 'customers' };
    if (second === 'new' && third === undefined) return { name: 'customer-new' };
    if (third === 'edit' && rest.length === 0) return { name: 'customer-edit', guid: second };
    if (third === undefined) return { name: 'customer', guid: second, tab: 'overview' };
    if (isDetailTab(third) && rest.length === 0) return { name: 'customer', guid: second, tab: third };
  }
  if (first === 'pending' && second === undefined) return { name: 'pending' };
  if (first === 'settings' && second === undefined) return { name: 'settings' };
  if (first === 'conflicts' && second !== undefined && /^\d+$/u.test(second) && third === undefined) return { name: 'conflict', id: Number(second) };
  return { name: 'not-found', path };
}

/** The navigation section a route belongs to (for the current-page marker in the nav bar). */
export function sectionOf(route: Route): 'customers' | 'pending' | 'settings' | null {
  switch (route.name) {
    case 'customers':
    case 'customer':
    case 'customer-new':
    case 'customer-edit':
      return 'customers';
    case 'pending':
    case 'conflict':
      return 'pending';
    case 'settings':
      return 'settings';
    default:
      return null;
  }
}
