import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/*
 * A stand-in for a packaged Electron binary: just enough bytes around a fuse wire for
 * @electron/fuses to find, flip and read back (the real binary cannot be downloaded here).
 * Layout after the sentinel: wire version (1), wire length, one byte per fuse ('0', '1' or 'r').
 */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Electron's defaults for its first nine fuses: RunAsNode … GrantFileProtocolExtraPrivileges on, WasmTrapHandlers on. */
export const ELECTRON_DEFAULT_WIRE = '101100011';

export function fakeElectronBinary(wire = ELECTRON_DEFAULT_WIRE, slices = 1): Buffer {
  const slice = Buffer.concat([Buffer.from('\u007fELF fake electron '), Buffer.alloc(64, 0xab), Buffer.from(FUSE_SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire, 'latin1'), Buffer.alloc(64, 0xcd)]);
  return Buffer.concat(Array.from({ length: slices }, () => slice));
}

export async function writeFakeElectronBinary(path: string, wire?: string, slices?: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, fakeElectronBinary(wire, slices), { mode: 0o755 });
}

/** The fuse states of every slice of a (fake) binary, as strings of '0'/'1'/'r'. */
export function readWires(binary: Buffer): string[] {
  const wires: string[] = [];
  let at = binary.indexOf(FUSE_SENTINEL);
  while (at !== -1) {
    const start = at + FUSE_SENTINEL.length;
    const length = binary[start + 1]!;
    wires.push(binary.subarray(start + 2, start + 2 + length).toString('latin1'));
    at = binary.indexOf(FUSE_SENTINEL, start);
  }
  return wires;
}
