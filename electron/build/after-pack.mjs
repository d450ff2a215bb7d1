/*
 * electron-builder's afterPack hook (package.json build.afterPack): flips the Electron fuses of
 * the packaged binary, before electron-builder signs it. Fuses are bits compiled into Electron
 * that only a rebuild or this flip can change, so what the app does not use is switched off for
 * good, whatever an attacker puts in the environment or on the command line:
 *
 *   RunAsNode off                       ELECTRON_RUN_AS_NODE cannot turn Fieldbook into a plain Node
 *   EnableNodeOptionsEnvironmentVariable off   NODE_OPTIONS cannot preload code into the main process
 *   EnableNodeCliInspectArguments off   --inspect cannot attach a debugger to the main process
 *   EnableCookieEncryption on           the cookie store is encrypted with an OS-protected key
 *   EnableEmbeddedAsarIntegrityValidation on   app.asar must match the hash electron-builder embeds
 *                                       (macOS and Windows; Linux has no such check yet)
 *   OnlyLoadAppFromAsar on              no app folder beside app.asar is ever loaded instead
 *   LoadBrowserProcessSpecificV8Snapshot off   not used
 *   GrantFileProtocolExtraPrivileges off       pages come from app://, file:// gets no extra rights
 *
 * Kept as an ES module (the package is "type": "module"): electron-builder imports it.
 * test/packaging/fuses.test.ts runs it against a stand-in binary.
 */
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

/** The fuses by name. @electron/fuses 1.8 knows these eight; later Electron fuses keep their defaults. */
export const FUSES = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
});

/** electron-builder's Arch enum: arm64 = 3, universal = 4. */
const ARM64 = 3;
const UNIVERSAL = 4;

/** The @electron/fuses configuration for a platform and architecture. */
export function fuseConfig(platform, arch) {
  const config = {
    version: FuseVersion.V1,
    // Flipping a fuse breaks the ad-hoc signature that arm64 macOS binaries must carry.
    resetAdHocDarwinSignature: platform === 'darwin' && (arch === ARM64 || arch === UNIVERSAL),
  };
  for (const [name, value] of Object.entries(FUSES)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses does not know the fuse ${name}`);
    config[index] = value;
  }
  return config;
}

/** The packaged Electron binary (or .app bundle) that holds the fuse wire. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return join(appOutDir, packager.executableName);
    default:
      throw new Error(`Fieldbook's afterPack does not know the platform ${electronPlatformName}`);
  }
}

/** Flips the fuses, then reads them back: a packaging run whose fuses did not take fails. */
export async function afterPack(context) {
  const binary = electronBinaryPath(context);
  await flipFuses(binary, fuseConfig(context.electronPlatformName, context.arch));
  const wire = await getCurrentFuseWire(binary);
  const ENABLE = '1'.charCodeAt(0);
  const DISABLE = '0'.charCodeAt(0);
  for (const [name, value] of Object.entries(FUSES)) {
    const state = wire[FuseV1Options[name]];
    if (state !== (value ? ENABLE : DISABLE)) throw new Error(`fuse ${name} is ${String(state)} after flipping, not ${value ? 'on' : 'off'}`);
  }
  console.log(`  • fuses flipped  ${Object.entries(FUSES).map(([name, value]) => `${name}=${value ? 'on' : 'off'}`).join(' ')}`);
}

export default afterPack;
