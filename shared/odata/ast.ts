// The AST of the simplified OData $filter / $orderby language (see api-contract.md, "Lists").
// Property names are canonical names once a parse was given field types, so consumers can
// read records without caring how the user spelled them.

export type StringLiteral = { kind: 'string'; value: string };

export type Literal =
  | StringLiteral
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  // Kept as written rather than as an instant: the serializer must reproduce the exact text
  // (offsets included) so that a filter round-trips unchanged.
  | { kind: 'datetime'; value: string };

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type FunctionName = 'contains' | 'startswith' | 'endswith';

export type FilterNode =
  | { type: 'compare'; op: CompareOp; property: string; value: Literal }
  | { type: 'function'; name: FunctionName; property: string; value: StringLiteral }
  | { type: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { type: 'not'; operand: FilterNode };

// 'other' covers arrays and objects (addresses[], links[]): they can only be tested against null.
export type FieldType = 'string' | 'number' | 'boolean' | 'datetime' | 'other';
/** Canonical property name -> type. */
export type FieldTypes = Readonly<Record<string, FieldType>>;

export type SortDirection = 'asc' | 'desc';
export type OrderByKey = {
  property: string;
  direction: SortDirection;
  // Set by parseOrderBy when it was given field types; 'datetime' makes compareBy order by
  // instant, exactly as a datetime `gt` filter does, which key-based paging relies on.
  type?: FieldType;
};

export const COMPARE_OPS: readonly CompareOp[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
export const FUNCTION_NAMES: readonly FunctionName[] = ['contains', 'startswith', 'endswith'];

// Reserved in every position where a property name may appear, in both $filter and $orderby,
// so that one name is valid (or not) everywhere and the serializers can reject it up front.
export const RESERVED_WORDS: ReadonlySet<string> = new Set<string>([
  'and', 'or', 'not', ...COMPARE_OPS, 'true', 'false', 'null', 'asc', 'desc',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when `name` can be written as a property in filter/orderby text. */
export function isValidPropertyName(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED_WORDS.has(name.toLowerCase());
}
