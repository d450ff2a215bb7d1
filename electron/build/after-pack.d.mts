// Types for after-pack.mjs, which electron-builder loads as plain JavaScript.
import type { FuseV1Config } from '@electron/fuses';

export declare const FUSES: Readonly<{
  RunAsNode: boolean;
  EnableCookieEncryption: boolean;
  EnableNodeOptionsEnvironmentVariable: boolean;
  EnableNodeCliInspectArguments: boolean;
  EnableEmbeddedAsarIntegrityValidation: boolean;
  OnlyLoadAppFromAsar: boolean;
  LoadBrowserProcessSpecificV8Snapshot: boolean;
  GrantFileProtocolExtraPrivileges: boolean;
}>;

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface AfterPackContextLike {
  readonly appOutDir: string;
  readonly electronPlatformName: string;
  readonly arch: number;
  readonly packager: { readonly appInfo: { readonly productFilename: string }; readonly executableName: string };
}

export declare function fuseConfig(platform: string, arch: number): FuseV1Config;
export declare function electronBinaryPath(context: AfterPackContextLike): string;
export declare function afterPack(context: AfterPackContextLike): Promise<void>;
export default afterPack;
