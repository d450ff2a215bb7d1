import * as v from 'valibot';

/** The list query options of api-contract.md. */
export interface ListQuery {
  readonly filter?: string;
  readonly orderby?: string;
  readonly skip?: number;
  readonly top?: number;
}

export const defaultTop = 25;
export const maxTop = 100;

const whole = (name: string, min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^-?\d+$/u, `${name} must be a whole number`),
    v.transform(Number),
    v.minValue(min, min === 0 ? `${name} must not be negative` : `${name} must be at least ${min}`),
    v.maxValue(max, `${name} must be at most ${max}`),
  );

/** The four options as they arrive in a URL; anything out of range is a 400 naming the option. */
export const listQueryParams = v.object({
  $filter: v.optional(v.pipe(v.string(), v.maxLength(4000, '$filter must be at most 4000 characters'))),
  $orderby: v.optional(v.pipe(v.string(), v.maxLength(500, '$orderby must be at most 500 characters'))),
  $skip: v.optional(whole('$skip', 0, 2147483647)),
  $top: v.optional(whole('$top', 0, maxTop)),
});

/** Builds the query string the API expects (`?$filter=…&$top=…`), or '' when nothing is set. */
export function listQueryString(query: ListQuery = {}, extra: Readonly<Record<string, string>> = {}): string {
  // Built by hand: URLSearchParams is a DOM/Node API and shared/ runs anywhere.
  const pairs: [string, string][] = [];
  if (query.filter) pairs.push(['$filter', query.filter]);
  if (query.orderby) pairs.push(['$orderby', query.orderby]);
  if (query.skip !== undefined) pairs.push(['$skip', String(query.skip)]);
  if (query.top !== undefined) pairs.push(['$top', String(query.top)]);
  pairs.push(...Object.entries(extra));
  return pairs.length ? `?${pairs.map(([k, val]) => `${k}=${encodeURIComponent(val)}`).join('&')}` : '';
}
