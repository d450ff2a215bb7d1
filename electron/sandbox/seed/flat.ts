/**
 * A template tag for strings the seed keeps: flat`${a}-${b}` reads like a template literal but
 * yields one flat string. A plain template literal leaves V8 a rope (a tree of concatenation
 * nodes) that stays in memory as long as the string does: for 100,000 customers the ropes
 * doubled the heap (about 325 MB against 155 MB) and garbage collection took half the time.
 */
export function flat(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  const parts: (string | number)[] = [];
  for (let i = 0; i < values.length; i++) parts.push(strings[i] ?? '', values[i] ?? '');
  parts.push(strings[values.length] ?? '');
  return parts.join('');
}
