/*
 * The first gate for anything the renderer sends, before any schema sees it. Structured clone
 * (Electron IPC) and Playwright's bindings deliver far more than JSON: cycles, Maps, Dates,
 * NaN, own `__proto__` keys. A schema library walking such a value can be slowed down without
 * bound or, through a loose object that copies keys, have an object's prototype replaced. So
 * the payload must first be plain JSON data within fixed limits; the walk stops at the first
 * problem and never echoes a value (it may be a secret) in its message.
 */

export interface PayloadLimits {
  /** Objects and arrays inside one another; the deepest legitimate body is about 5. */
  readonly maxDepth: number;
  /** Every value counted once (objects, arrays, and leaves). */
  readonly maxNodes: number;
  /** Characters of all strings and keys together: the gateway's own body limit is 1 MiB. */
  readonly maxChars: number;
  readonly maxKeyLength: number;
}

export const defaultPayloadLimits: PayloadLimits = { maxDepth: 24, maxNodes: 20_000, maxChars: 1_048_576, maxKeyLength: 200 };

/**
 * Keys refused anywhere: the ones that reach an object's prototype when code assigns
 * `target[key] = ...`. A custom action's JSON body that needs such a key cannot be sent; no
 * Aptic body has one.
 */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface PayloadProblem {
  /** Where, as a field path (`input.name`); '' for the payload as a whole. */
  readonly path: string;
  readonly message: string;
}

/** Undefined when `value` is plain JSON data within the limits, else the first problem found. */
export function payloadProblem(value: unknown, limits: PayloadLimits = defaultPayloadLimits): PayloadProblem | undefined {
  let nodes = 0;
  let chars = 0;
  const walk = (item: unknown, path: readonly string[], depth: number): PayloadProblem | undefined => {
    const at = (message: string): PayloadProblem => ({ path: path.join('.'), message });
    if (++nodes > limits.maxNodes) return { path: '', message: `Has more than ${limits.maxNodes} values` };
    if (item === null || typeof item === 'boolean') return undefined;
    if (typeof item === 'number') return Number.isFinite(item) ? undefined : at('Must be a finite number');
    if (typeof item === 'string') {
      chars += item.length;
      return chars > limits.maxChars ? { path: '', message: `Is larger than ${limits.maxChars} characters` } : undefined;
    }
    if (typeof item !== 'object') return at('Must be JSON data (text, numbers, true/false, null, lists or objects)');
    if (depth >= limits.maxDepth) return at(`Is nested more than ${limits.maxDepth} levels deep`);
    const proto: unknown = Object.getPrototypeOf(item);
    const isArray = Array.isArray(item);
    if (isArray ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) {
      return at('Must be JSON data (a plain list or object)');
    }
    // Checked before listing the keys, so a list of ten million items is refused without copying them.
    if (isArray && item.length > limits.maxNodes) return { path: '', message: `Has more than ${limits.maxNodes} values` };
    const keys = Reflect.ownKeys(item);
    if (keys.length > limits.maxNodes + 1) return { path: '', message: `Has more than ${limits.maxNodes} values` };
    if (isArray && keys.length !== item.length + 1) return at('Must be a plain list');
    for (const key of keys) {
      if (typeof key === 'symbol') return at('Must be JSON data (a plain list or object)');
      if (isArray && key === 'length') continue;
      if (forbiddenKeys.has(key)) return at(`Must not have a key named ${key}`);
      if (key.length > limits.maxKeyLength) return at(`Has a key longer than ${limits.maxKeyLength} characters`);
      chars += key.length;
      const descriptor = Object.getOwnPropertyDescriptor(item, key);
      if (!descriptor || !('value' in descriptor)) return at('Must be JSON data (no accessors)');
      // An object's member may be undefined (structured clone keeps `{ body: undefined }`); a list's may not.
      if (descriptor.value === undefined && !isArray) continue;
      const problem = walk(descriptor.value, [...path, key], depth + 1);
      if (problem) return problem;
    }
    return undefined;
  };
  if (value === undefined) return undefined;
  try {
    return walk(value, [], 0);
  } catch {
    // A Proxy whose traps throw (possible only in-process, e.g. from a test): not JSON data.
    return { path: '', message: 'Must be JSON data' };
  }
}
