/*
 * Just enough of PNG, ICO and ICNS to check the committed icons without any imaging tool.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngSize(data: Buffer): { width: number; height: number } {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE) || data.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

export interface IcoImage {
  /** From the directory entry (0 there means 256). */
  readonly size: number;
  readonly png: Buffer;
}

export function icoImages(data: Buffer): IcoImage[] {
  if (data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) throw new Error('not an .ico');
  const count = data.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + 16 * i;
    const width = data.readUInt8(entry) || 256;
    const height = data.readUInt8(entry + 1) || 256;
    if (width !== height) throw new Error(`entry ${i} is not square`);
    const length = data.readUInt32LE(entry + 8);
    const offset = data.readUInt32LE(entry + 12);
    return { size: width, png: data.subarray(offset, offset + length) };
  });
}

export function icnsElements(data: Buffer): Array<{ type: string; png: Buffer }> {
  if (data.toString('latin1', 0, 4) !== 'icns' || data.readUInt32BE(4) !== data.length) throw new Error('not an .icns');
  const elements: Array<{ type: string; png: Buffer }> = [];
  for (let at = 8; at < data.length;) {
    const length = data.readUInt32BE(at + 4);
    if (length < 8 || at + length > data.length) throw new Error(`bad element at ${at}`);
    elements.push({ type: data.toString('latin1', at, at + 4), png: data.subarray(at + 8, at + length) });
    at += length;
  }
  return elements;
}
