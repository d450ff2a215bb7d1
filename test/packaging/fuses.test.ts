import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterPack, electronBinaryPath, FUSES, fuseConfig, type AfterPackContextLike } from '../../electron/build/after-pack.mjs';
import { readWires, writeFakeElectronBinary } from './fake-electron-binary';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldbook-fuses-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const context = (electronPlatformName: string, arch = 1): AfterPackContextLike => ({
  appOutDir: dir,
  electronPlatformName,
  arch,
  packager: { appInfo: { productFilename: 'Fieldbook' }, executableName: 'fieldbook' },
});

// RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyFromAsar, V8Snapshot, FileProtocolPrivileges, then
// WasmTrapHandlers (a ninth fuse that @electron/fuses 1.8 does not name, left as Electron ships it).
const FLIPPED_WIRE = '010011001';

describe('Electron fuses', () => {
  it('turn off what Fieldbook does not use and turn on cookie encryption and asar integrity', () => {
    expect(FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('map onto the @electron/fuses V1 wire, every fuse it knows set explicitly', () => {
    const config = fuseConfig('linux', 1) as unknown as Record<string, unknown>;
    expect(config['version']).toBe(FuseVersion.V1);
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    const known = Object.values(FuseV1Options).filter((value) => typeof value === 'number');
    for (const index of known) expect(typeof config[index], FuseV1Options[index as number]).toBe('boolean');
  });

  it('reset the ad-hoc signature only for Apple silicon builds', () => {
    expect(fuseConfig('darwin', 3).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig('darwin', 4).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig('darwin', 1).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig('win32', 3).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig('linux', 3).resetAdHocDarwinSignature).toBe(false);
  });

  it('are looked for in the binary electron-builder packed, per platform', () => {
    expect(electronBinaryPath(context('linux'))).toBe(join(dir, 'fieldbook'));
    expect(electronBinaryPath(context('win32'))).toBe(join(dir, 'Fieldbook.exe'));
    expect(electronBinaryPath(context('darwin'))).toBe(join(dir, 'Fieldbook.app'));
    expect(electronBinaryPath(context('mas'))).toBe(join(dir, 'Fieldbook.app'));
    expect(() => electronBinaryPath(context('beos'))).toThrow('beos');
  });

  it('are flipped in the packed Linux and Windows binaries by the afterPack hook', async () => {
    for (const [platform, file] of [['linux', 'fieldbook'], ['win32', 'Fieldbook.exe']] as const) {
      await writeFakeElectronBinary(join(dir, file));
      await afterPack(context(platform));
      expect(readWires(await readFile(join(dir, file)))).toEqual([FLIPPED_WIRE]);
    }
  });

  it('are flipped in the framework of a macOS bundle, in both slices of a universal binary', async () => {
    const framework = join(dir, 'Fieldbook.app', 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
    await writeFakeElectronBinary(framework, undefined, 2);
    await afterPack(context('darwin', 1));
    expect(readWires(await readFile(framework))).toEqual([FLIPPED_WIRE, FLIPPED_WIRE]);
  });

  it('fail the packaging when the binary has no fuse wire', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'fieldbook'), 'not electron');
    await expect(afterPack(context('linux'))).rejects.toThrow(/sentinel/iu);
  });
});
