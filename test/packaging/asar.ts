import { readFile } from 'node:fs/promises';

/*
 * Reads the file list of an asar archive: a Chromium pickle holding the header's length, then
 * a pickle holding the JSON header (a tree of { files } folders and { size, offset, unpacked } files).
 */

interface AsarNode {
  readonly files?: Readonly<Record<string, AsarNode>>;
  readonly unpacked?: boolean;
  readonly size?: number;
}

export interface AsarEntry {
  readonly path: string;
  readonly unpacked: boolean;
}

export async function listAsar(path: string): Promise<AsarEntry[]> {
  const archive = await readFile(path);
  const headerLength = archive.readUInt32LE(12);
  const header = JSON.parse(archive.toString('utf8', 16, 16 + headerLength)) as AsarNode;
  const entries: AsarEntry[] = [];
  const walk = (node: AsarNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const childPath = `${prefix}${name}`;
      if (child.files) walk(child, `${childPath}/`);
      else entries.push({ path: childPath, unpacked: child.unpacked === true });
    }
  };
  walk(header, '');
  return entries;
}
