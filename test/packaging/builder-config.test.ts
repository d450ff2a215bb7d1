import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';
import { icnsElements, icoImages, pngSize } from './images';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
  name: string; productName: string; main: string; scripts: Record<string, string>; build: Configuration; devDependencies: Record<string, string>;
};
const config = pkg.build;

/** electron-builder's own check of a configuration against its scheme.json (ajv), as `electron-builder` runs it. */
async function validate(candidate: unknown): Promise<void> {
  await validateConfiguration(structuredClone(candidate) as Configuration, { isEnabled: false } as never);
}

describe('the electron-builder configuration (package.json "build")', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is checked strictly: a misspelt or unknown option fails validation', async () => {
    await expect(validate({ ...config, linux: { ...config.linux, categroy: 'Office' } })).rejects.toThrow(/configuration\.linux/u);
    await expect(validate({ ...config, asarUnpak: [] })).rejects.toThrow(/Invalid configuration object/u);
    await expect(validate({ ...config, mac: { ...config.mac, hardenedRuntime: 'maybe' } })).rejects.toThrow(/Invalid configuration object/u);
  });

  it('names the app and writes installers to release/', () => {
    expect(config.appId).toBe('se.fieldbook.app');
    expect(config.productName).toBe('Fieldbook');
    expect(config.directories?.output).toBe('release');
    expect(pkg.main).toBe('./out/main/index.js');
  });

  it('packs only the build output and package.json (node_modules: production dependencies only)', () => {
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.asar).toBe(true);
  });

  it('unpacks keytar from the asar and rebuilds native modules for Electron', () => {
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
    expect(config.npmRebuild).toBe(true);
  });

  it('builds NSIS on Windows, dmg and zip on macOS with the hardened runtime, AppImage and deb on Linux', () => {
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.mac?.category).toBe('public.app-category.productivity');
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Office');
  });

  it('makes the deb depend on libsecret (keytar) and what Electron needs', () => {
    const depends = config.deb?.depends ?? [];
    expect(depends).toContain('libsecret-1-0');
    for (const electronNeeds of ['libgtk-3-0', 'libnss3', 'libnotify4', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1']) {
      expect(depends).toContain(electronNeeds);
    }
  });

  it('registers no file associations or URL protocols', () => {
    const everywhere = [config, config.mac, config.win, config.linux] as Array<Record<string, unknown> | null | undefined>;
    for (const section of everywhere) {
      expect(section?.['fileAssociations']).toBeUndefined();
      expect(section?.['protocols']).toBeUndefined();
    }
  });

  it('publishes nothing', () => {
    expect(config.publish).toBeNull();
    expect(pkg.scripts['dist']).toBe('electron-vite build && electron-builder --publish never');
  });

  it('signs macOS builds with JIT as the only hardened-runtime exception', async () => {
    expect(config.mac?.entitlements).toBe(config.mac?.entitlementsInherit);
    const plist = await readFile(join(root, config.mac!.entitlements!), 'utf8');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/gu)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('flips the fuses in an afterPack hook inside the project (electron-builder refuses hooks outside it)', () => {
    expect(config.afterPack).toBe('./electron/build/after-pack.mjs');
    const hook = resolve(root, config.afterPack as string);
    expect(existsSync(hook)).toBe(true);
    expect(relative(root, hook).startsWith('..')).toBe(false);
    // Two mechanisms would flip the fuses twice; the hook is the one that verifies them.
    expect(config.electronFuses).toBeUndefined();
  });

  it('rebuilds keytar for Electron on install only where the Electron binary exists', () => {
    expect(pkg.scripts['postinstall']).toBe('node electron/build/postinstall.mjs');
  });
});

const icons = join(root, 'electron/build/icons');
const manifest = JSON.parse(await readFile(join(icons, 'manifest.json'), 'utf8')) as {
  sha256: string; png: string[]; ico: number[]; icns: Record<string, number>;
};

describe('the icons', () => {
  it('were rendered from the committed icon.svg (re-run render-icons.mjs after editing it)', async () => {
    const svg = await readFile(join(icons, 'icon.svg'));
    expect(createHash('sha256').update(svg).digest('hex')).toBe(manifest.sha256);
    expect(svg.toString('utf8')).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/u);
  });

  it('are referenced for every OS and exist', () => {
    expect(config.win?.icon).toBe('electron/build/icons/icon.ico');
    expect(config.mac?.icon).toBe('electron/build/icons/icon.icns');
    expect(config.linux?.icon).toBe('electron/build/icons/png');
    for (const path of [config.win?.icon, config.mac?.icon, config.linux?.icon]) expect(existsSync(join(root, path!)), path!).toBe(true);
  });

  it('have a Linux PNG for every size from 16 to 1024, each as large as its name says', async () => {
    const dir = join(root, config.linux!.icon!);
    const names = (await readdir(dir)).filter((name) => name.endsWith('.png')).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    expect(names).toEqual(manifest.png.map((path) => path.replace('png/', '')));
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) expect(names).toContain(`${size}x${size}.png`);
    for (const name of names) {
      const size = parseInt(name, 10);
      expect(pngSize(await readFile(join(dir, name))), name).toEqual({ width: size, height: size });
    }
  });

  it('have a Windows .ico with 16 to 256 px images (256 is what NSIS and Explorer want)', async () => {
    const images = icoImages(await readFile(join(root, config.win!.icon!)));
    expect(images.map((image) => image.size)).toEqual(manifest.ico);
    for (const size of [16, 32, 48, 256]) expect(images.map((image) => image.size)).toContain(size);
    for (const image of images) expect(pngSize(image.png)).toEqual({ width: image.size, height: image.size });
  });

  it('have a macOS .icns with every size up to 1024 (512@2x)', async () => {
    const elements = icnsElements(await readFile(join(root, config.mac!.icon!)));
    expect(Object.fromEntries(elements.map((element) => [element.type, pngSize(element.png).width]))).toEqual(manifest.icns);
    for (const type of ['icp4', 'icp5', 'ic07', 'ic08', 'ic09', 'ic10', 'ic11', 'ic12', 'ic13', 'ic14']) {
      expect(elements.map((element) => element.type)).toContain(type);
    }
    for (const element of elements) {
      const { width, height } = pngSize(element.png);
      expect(width, element.type).toBe(height);
      expect(width, element.type).toBe(manifest.icns[element.type]);
    }
  });
});
