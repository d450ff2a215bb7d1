/*
 * The length limits a form gives its inputs (`maxlength`), read from the shared schemas
 * themselves so a limit changed there is the limit typed against here.
 */

interface Node {
  type?: string;
  requirement?: unknown;
  wrapped?: Node;
  pipe?: readonly Node[];
  entries?: Record<string, Node>;
  item?: Node;
}

/** The `entries` of an object schema, through pipes, arrays and nullish wrappers. */
export function entriesOf(schema: unknown): Record<string, unknown> {
  let node = schema as Node | undefined;
  for (let depth = 0; node && depth < 8; depth++) {
    if (node.entries) return node.entries;
    node = node.wrapped ?? node.item ?? (node.pipe && node.pipe[0] !== node ? node.pipe[0] : undefined);
  }
  return {};
}

/** The max_length requirement of one field's schema, if it has one. */
export function maxLengthOf(schema: unknown, field: string): number | undefined {
  let node = entriesOf(schema)[field] as Node | undefined;
  for (let depth = 0; node && depth < 8; depth++) {
    const max = node.pipe?.find((step) => step.type === 'max_length');
    if (max && typeof max.requirement === 'number') return max.requirement;
    node = node.wrapped ?? (node.pipe && node.pipe[0] !== node ? node.pipe[0] : undefined);
  }
  return undefined;
}
