import {
  isValidPropertyName,
  type CompareOp, type FilterNode, type FunctionName, type Literal, type StringLiteral,
} from './ast';
import { isoInstant } from './compare';

// The serializer validates what it writes (names, numbers, date-times) so that a hand-built AST
// can never smuggle extra syntax into a query string, and its output always parses back.
function property(name: string): string {
  if (!isValidPropertyName(name)) throw new RangeError(`Not a valid OData property name: ${JSON.stringify(name)}`);
  return name;
}

function literal(lit: Literal): string {
  switch (lit.kind) {
    case 'string': return `'${lit.value.replaceAll("'", "''")}'`;
    case 'boolean': return lit.value ? 'true' : 'false';
    case 'null': return 'null';
    case 'number':
      if (!Number.isFinite(lit.value)) throw new RangeError(`Not a finite number: ${lit.value}`);
      return String(lit.value);
    case 'datetime':
      if (isoInstant(lit.value) === undefined) throw new RangeError(`Not an ISO date-time: ${JSON.stringify(lit.value)}`);
      return lit.value;
  }
}

// Parenthesise only where the parser's precedence (or < and < not < primary) and its
// left-associativity would otherwise build a different tree.
function precedence(node: FilterNode): number {
  return node.type === 'or' ? 1 : node.type === 'and' ? 2 : node.type === 'not' ? 3 : 4;
}

function write(node: FilterNode, minPrecedence: number): string {
  const text = writeNode(node);
  return precedence(node) < minPrecedence ? `(${text})` : text;
}

function writeNode(node: FilterNode): string {
  switch (node.type) {
    case 'compare': return `${property(node.property)} ${node.op} ${literal(node.value)}`;
    case 'function': return `${node.name}(${property(node.property)}, ${literal(node.value)})`;
    case 'not': return `not ${write(node.operand, 3)}`;
    case 'and':
    case 'or': {
      const p = precedence(node);
      return `${write(node.left, p)} ${node.type} ${write(node.right, p + 1)}`;
    }
  }
}

/** Canonical text for a filter ('' for no filter); parseFilter(serializeFilter(n)) deep-equals n. */
export function serializeFilter(node: FilterNode | null): string {
  return node === null ? '' : writeNode(node);
}

// --- Builders, e.g. and(userFilter, gt('customerGuid', lastGuid)) for key-based paging. ---

export type LiteralInput = string | number | boolean | null | Literal;

/** A literal from a plain value; use datetime() for date-times (a plain string stays a string). */
export function lit(value: LiteralInput): Literal {
  if (value === null) return { kind: 'null' };
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
    return { kind: 'number', value: value === 0 ? 0 : value };
  }
  return value;
}

export function datetime(iso: string): Literal {
  if (isoInstant(iso) === undefined) throw new RangeError(`Not an ISO date-time: ${JSON.stringify(iso)}`);
  return { kind: 'datetime', value: iso };
}

function compare(op: CompareOp) {
  return (prop: string, value: LiteralInput): FilterNode => ({ type: 'compare', op, property: property(prop), value: lit(value) });
}
export const eq = compare('eq');
export const ne = compare('ne');
export const gt = compare('gt');
export const ge = compare('ge');
export const lt = compare('lt');
export const le = compare('le');

function fn(name: FunctionName) {
  return (prop: string, text: string): FilterNode => {
    const value: StringLiteral = { kind: 'string', value: text };
    return { type: 'function', name, property: property(prop), value };
  };
}
export const contains = fn('contains');
export const startswith = fn('startswith');
export const endswith = fn('endswith');

export function not(operand: FilterNode): FilterNode {
  return { type: 'not', operand };
}

function combine(type: 'and' | 'or', nodes: readonly (FilterNode | null)[]): FilterNode | null {
  // Left fold, the same shape the parser builds, so built and parsed filters deep-equal.
  let result: FilterNode | null = null;
  for (const node of nodes) {
    if (node !== null) result = result === null ? node : { type, left: result, right: node };
  }
  return result;
}

/** Conjunction of the non-null nodes (null filters mean "no filter" and are skipped). */
export function and(first: FilterNode, ...rest: (FilterNode | null)[]): FilterNode;
export function and(...nodes: (FilterNode | null)[]): FilterNode | null;
export function and(...nodes: (FilterNode | null)[]): FilterNode | null {
  return combine('and', nodes);
}

/** Disjunction. Unlike and(), no null ("no filter") parameter: "anything or x" would be everything. */
export function or(first: FilterNode, ...rest: FilterNode[]): FilterNode {
  return combine('or', [first, ...rest]) ?? first;
}
