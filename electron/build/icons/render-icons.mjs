#!/usr/bin/env node
/*
 * Renders icon.svg into every icon file the installers use, and records what it made in
 * manifest.json (with the SVG's hash, so test/packaging notices an SVG changed without a re-render):
 *
 *   png/NxN.png   16…1024, the Linux icon set (electron-builder's linux.icon folder)
 *   icon.ico      16…256, Windows (PNG-compressed entries, Windows Vista and later)
 *   icon.icns     16…1024 with the @2x variants, macOS
 *
 * Rasterising needs rsvg-convert (Debian: `apt-get install librsvg2-bin`); the .ico and .icns
 * containers are packed here, without other tools. Run it after editing icon.svg:
 *   node electron/build/icons/render-icons.mjs
 * The outputs are committed: neither `npm test` nor `npm run dist` needs rsvg-convert.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const svgPath = join(here, 'icon.svg');

export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types and the pixel size each holds (the @2x types hold twice their point size). */
export const ICNS_TYPES = {
  icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512,
};

/** An .ico: ICONDIR, one 16-byte ICONDIRENTRY per image, then the PNGs. */
export function packIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}

/** An .icns: 'icns', the total length, then one (type, length, PNG) element per image. */
export function packIcns(elements) {
  const parts = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

function render(size) {
  return execFileSync('rsvg-convert', ['--width', String(size), '--height', String(size), '--format', 'png', svgPath]);
}

function main() {
  const svg = readFileSync(svgPath);
  mkdirSync(join(here, 'png'), { recursive: true });
  const pngs = new Map(PNG_SIZES.map((size) => [size, render(size)]));
  for (const [size, png] of pngs) writeFileSync(join(here, 'png', `${size}x${size}.png`), png);
  writeFileSync(join(here, 'icon.ico'), packIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  writeFileSync(join(here, 'icon.icns'), packIcns(Object.entries(ICNS_TYPES).map(([type, size]) => ({ type, png: pngs.get(size) }))));
  const manifest = {
    source: 'icon.svg',
    sha256: createHash('sha256').update(svg).digest('hex'),
    png: PNG_SIZES.map((size) => `png/${size}x${size}.png`),
    ico: ICO_SIZES,
    icns: ICNS_TYPES,
  };
  writeFileSync(join(here, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`rendered ${PNG_SIZES.length} PNGs, icon.ico and icon.icns from icon.svg`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) main();
