// The simplified OData language of the Customers API's list operations ($filter, $orderby).
export type {
  CompareOp, FieldType, FieldTypes, FilterNode, FunctionName, Literal, OrderByKey, SortDirection, StringLiteral,
} from './ast';
export { isValidPropertyName } from './ast';
export { ODataError } from './errors';
export { MAX_TEXT_LENGTH } from './lexer';
export { MAX_DEPTH, parseFilter } from './parser';
export { evaluateFilter } from './evaluate';
export { compareForSort, compareValues, isoInstant } from './compare';
export {
  serializeFilter, lit, datetime, eq, ne, gt, ge, lt, le, contains, startswith, endswith, not, and, or,
  type LiteralInput,
} from './serialize';
export { parseOrderBy, serializeOrderBy, compareBy } from './orderby';
