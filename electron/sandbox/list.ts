import { fieldTypesOf, listQueryParams, routes, validate, type ListOperation } from '../../shared/api';
import {
  compareBy, evaluateFilter, ODataError, parseFilter, parseOrderBy,
  type FieldTypes, type FilterNode, type OrderByKey,
} from '../../shared/odata';
import { invalid, Problem } from './problem';

/*
 * $filter / $orderby / $skip / $top for every list and array operation, with THE shared
 * evaluator and comparator, so the sandbox selects exactly what the offline cache selects.
 */

export interface ListRequest {
  readonly filter: FilterNode | null;
  readonly orderBy: readonly OrderByKey[];
  readonly skip: number;
  readonly top: number;
}

type Row = Readonly<Record<string, unknown>>;

const optionNames = ['$filter', '$orderby', '$skip', '$top'] as const;
const fieldTypeCache = new Map<ListOperation, FieldTypes>();

/** The entity's fields and types, read off the route's result schema. */
export function fieldTypesFor(operation: ListOperation): FieldTypes {
  let fields = fieldTypeCache.get(operation);
  if (!fields) {
    fields = fieldTypesOf(routes[operation].result);
    fieldTypeCache.set(operation, fields);
  }
  return fields;
}

/**
 * Reads the list options from the query string; every mistake is a 400 that names the option
 * (and, for $filter / $orderby, the offending token and its position). Option names match
 * case-insensitively (OData 4.01); an unknown `$` option is rejected rather than ignored, so a
 * typo such as `$order` does not silently return unsorted rows.
 */
export function parseListQuery(query: URLSearchParams, operation: ListOperation): ListRequest {
  const raw: Record<string, string> = {};
  for (const [name, value] of query) {
    if (!name.startsWith('$')) continue;
    const option = optionNames.find((o) => o === name.toLowerCase());
    if (!option) throw invalid({ [name]: [`Unknown query option; use ${optionNames.join(', ')}`] });
    if (option in raw) throw invalid({ [option]: ['Give this option once'] });
    raw[option] = value;
  }
  const checked = validate(listQueryParams, raw);
  if (!checked.ok) throw invalid(checked.errors, 'The list query options are not valid');
  const fields = fieldTypesFor(operation);
  const filter = odata('$filter', () => parseFilter(checked.value.$filter ?? '', fields));
  const orderBy = odata('$orderby', () => parseOrderBy(checked.value.$orderby ?? '', fields));
  return { filter, orderBy, skip: checked.value.$skip ?? 0, top: checked.value.$top ?? 25 };
}

function odata<T>(option: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ODataError)) throw error;
    throw new Problem(400, `${option}: ${error.message}`, {
      errors: { [option]: [error.message] },
      token: error.token,
      position: error.position,
    });
  }
}

/** Filters and sorts a small collection (a customer's children); `key` breaks ties. */
export function select<T extends object>(items: readonly T[], request: ListRequest, key: string): T[] {
  const rows = items.filter((item) => evaluateFilter(request.filter, item as Row));
  if (rows.length > 1) rows.sort(compareBy(request.orderBy, key) as (a: T, b: T) => number);
  return rows;
}

export function pageOf<T>(rows: readonly T[], request: ListRequest): { count: number; skip: number; total: number; value: T[] } {
  const value = rows.slice(request.skip, request.skip + request.top);
  return { count: value.length, skip: request.skip, total: rows.length, value };
}
