// Hand-written: odata-v4-parser (jaystack, unmaintained) and its fork @odata/parser parse the
// whole OData v4 ABNF, so we would still have to reject everything outside our small grammar;
// their errors give an offset but not the offending token, and neither serializes an AST back.
import {
  COMPARE_OPS, FUNCTION_NAMES, RESERVED_WORDS,
  type CompareOp, type FieldType, type FieldTypes, type FilterNode, type FunctionName, type Literal,
} from './ast';
import { isoInstant } from './compare';
import { ODataError, quoteToken } from './errors';
import { tokenize, type Token } from './lexer';

/** Deepest nesting of parentheses and `not` accepted (recursion on untrusted input). */
export const MAX_DEPTH = 64;

const lowerNameCache = new WeakMap<FieldTypes, Map<string, string>>();

function lowerNames(fields: FieldTypes): Map<string, string> {
  let map = lowerNameCache.get(fields);
  if (!map) {
    map = new Map();
    for (const name of Object.keys(fields)) {
      const lower = name.toLowerCase();
      const clash = map.get(lower);
      if (clash !== undefined) throw new TypeError(`Field names '${clash}' and '${name}' differ only in case`);
      map.set(lower, name);
    }
    lowerNameCache.set(fields, map);
  }
  return map;
}

/**
 * Maps a property token to its canonical name (case-insensitively) and type when field types are
 * known; without them the name is kept as written and the type is unknown.
 */
export function resolveProperty(tok: Token, fields: FieldTypes | undefined): { name: string; type?: FieldType } {
  if (tok.kind !== 'ident' || RESERVED_WORDS.has(tok.text.toLowerCase())) {
    throw ODataError.unexpected(tok.text, tok.position, 'a property name');
  }
  if (!fields) return { name: tok.text };
  const name = lowerNames(fields).get(tok.text.toLowerCase());
  const type = name === undefined ? undefined : fields[name];
  if (name === undefined || type === undefined) {
    throw new ODataError(`Unknown property '${tok.text}' at position ${tok.position}`, tok.text, tok.position);
  }
  return { name, type };
}

const TYPE_NAMES: Record<FieldType, string> = {
  string: 'a string', number: 'a number', boolean: 'a boolean', datetime: 'a date-time', other: 'an array/object',
};

function mismatch(tok: Token, detail: string): ODataError {
  return new ODataError(`Type mismatch for ${quoteToken(tok.text)} at position ${tok.position}: ${detail}`, tok.text, tok.position);
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[], private readonly fields: FieldTypes | undefined) {}

  private peek(): Token {
    // tokenize always ends with 'eof', and we never advance past it.
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const tok = this.peek();
    if (tok.kind !== 'eof') this.index++;
    return tok;
  }

  private isKeyword(tok: Token, word: string): boolean {
    return tok.kind === 'ident' && tok.text.toLowerCase() === word;
  }

  private expect(kind: Token['kind'], expected: string): Token {
    const tok = this.next();
    if (tok.kind !== kind) throw ODataError.unexpected(tok.text, tok.position, expected);
    return tok;
  }

  private enter(tok: Token, depth: number): number {
    if (depth + 1 > MAX_DEPTH) {
      throw new ODataError(
        `Too deeply nested at ${quoteToken(tok.text)} at position ${tok.position}: at most ${MAX_DEPTH} levels of parentheses and 'not' are allowed`,
        tok.text, tok.position);
    }
    return depth + 1;
  }

  parseFilter(): FilterNode {
    const node = this.parseOr(0);
    const tok = this.peek();
    if (tok.kind !== 'eof') throw ODataError.unexpected(tok.text, tok.position, "'and', 'or' or end of input");
    return node;
  }

  // and/or chains are loops, not recursion, so long flat filters cost no stack; the resulting
  // trees are left-associative, which serializeFilter relies on to omit parentheses.
  private parseOr(depth: number): FilterNode {
    let left = this.parseAnd(depth);
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      left = { type: 'or', left, right: this.parseAnd(depth) };
    }
    return left;
  }

  private parseAnd(depth: number): FilterNode {
    let left = this.parseNot(depth);
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      left = { type: 'and', left, right: this.parseNot(depth) };
    }
    return left;
  }

  private parseNot(depth: number): FilterNode {
    const tok = this.peek();
    if (!this.isKeyword(tok, 'not')) return this.parsePrimary(depth);
    this.next();
    return { type: 'not', operand: this.parseNot(this.enter(tok, depth)) };
  }

  private parsePrimary(depth: number): FilterNode {
    const tok = this.next();
    const expected = "a condition such as name eq 'x', contains(name, 'x') or '('";
    if (tok.kind === '(') {
      const inner = this.parseOr(this.enter(tok, depth));
      this.expect(')', "')'");
      return inner;
    }
    if (tok.kind !== 'ident' || RESERVED_WORDS.has(tok.text.toLowerCase())) {
      throw ODataError.unexpected(tok.text, tok.position, expected);
    }
    if (this.peek().kind === '(') return this.parseFunction(tok);
    return this.parseComparison(tok);
  }

  private parseFunction(nameTok: Token): FilterNode {
    const name = nameTok.text.toLowerCase();
    if (!(FUNCTION_NAMES as readonly string[]).includes(name)) {
      throw new ODataError(
        `Unknown function '${nameTok.text}' at position ${nameTok.position}: expected contains, startswith or endswith`,
        nameTok.text, nameTok.position);
    }
    this.next(); // '('
    const propTok = this.next();
    const prop = resolveProperty(propTok, this.fields);
    if (prop.type !== undefined && prop.type !== 'string') {
      throw mismatch(propTok, `${name} needs a string property, but ${prop.name} is ${TYPE_NAMES[prop.type]}`);
    }
    this.expect(',', "','");
    const valueTok = this.next();
    if (valueTok.kind !== 'string') {
      throw ODataError.unexpected(valueTok.text, valueTok.position, "a string literal in single quotes");
    }
    this.expect(')', "')'");
    return { type: 'function', name: name as FunctionName, property: prop.name, value: { kind: 'string', value: valueTok.value } };
  }

  private parseComparison(propTok: Token): FilterNode {
    const prop = resolveProperty(propTok, this.fields);
    const opTok = this.next();
    const op = opTok.text.toLowerCase();
    if (opTok.kind !== 'ident' || !(COMPARE_OPS as readonly string[]).includes(op)) {
      throw ODataError.unexpected(opTok.text, opTok.position, 'a comparison operator (eq, ne, gt, ge, lt, le)');
    }
    const valueTok = this.next();
    let value = this.literal(valueTok);
    if (prop.type !== undefined) value = this.checkType(prop.name, prop.type, op as CompareOp, opTok, valueTok, value);
    return { type: 'compare', op: op as CompareOp, property: prop.name, value };
  }

  private literal(tok: Token): Literal {
    switch (tok.kind) {
      case 'string': return { kind: 'string', value: tok.value };
      case 'number': return { kind: 'number', value: tok.value };
      case 'datetime': return { kind: 'datetime', value: tok.text };
      case 'ident': {
        const word = tok.text.toLowerCase();
        if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
        if (word === 'null') return { kind: 'null' };
        break;
      }
    }
    throw ODataError.unexpected(tok.text, tok.position,
      "a value ('text', a number, true, false, null or an ISO date-time)");
  }

  // With known field types a quoted date-time against a date-time field becomes a datetime
  // literal here, so the evaluator (which sees only the AST and the record) compares instants.
  private checkType(name: string, type: FieldType, op: CompareOp, opTok: Token, tok: Token, value: Literal): Literal {
    if (value.kind === 'null') {
      if (type === 'other' && op !== 'eq' && op !== 'ne') {
        throw mismatch(opTok, `${name} is ${TYPE_NAMES[type]} and can only be tested with 'eq null' or 'ne null'`);
      }
      return value;
    }
    if (type === 'datetime' && value.kind === 'string' && isoInstant(value.value) !== undefined) {
      return { kind: 'datetime', value: value.value };
    }
    if (type === 'other') {
      throw mismatch(tok, `${name} is ${TYPE_NAMES[type]} and can only be tested with 'eq null' or 'ne null'`);
    }
    const literalType: FieldType = value.kind === 'string' ? 'string' : value.kind === 'number' ? 'number'
      : value.kind === 'boolean' ? 'boolean' : 'datetime';
    if (literalType !== type) {
      throw mismatch(tok, `${name} is ${TYPE_NAMES[type]} property, so expected ${TYPE_NAMES[type]} value or null`);
    }
    return value;
  }
}

/**
 * Parses simplified-OData $filter text. Empty or whitespace-only text means "no filter" (null).
 * With `fields`, property names resolve case-insensitively to their canonical spelling and
 * literals are type-checked; without, names are kept as written. Throws ODataError.
 */
export function parseFilter(text: string, fields?: FieldTypes): FilterNode | null {
  const tokens = tokenize(text);
  if (tokens.length === 1) return null;
  return new Parser(tokens, fields).parseFilter();
}
