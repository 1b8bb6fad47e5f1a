import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import type { FuseV1Config } from '@electron/fuses';

/** What afterPack needs from electron-builder's AfterPackContext (typed structurally so tests can build one). */
export interface PackedApp {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName: string };
}

/**
 * Every fuse, written out (as Element does): `strictlyRequireAllFuses` makes a newer Electron with a
 * fuse we have not decided on fail the build instead of inheriting its default.
 */
export const FUSES: FuseV1Config & { strictlyRequireAllFuses: true } = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE ignored: the signed binary cannot be used as a plain node.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS ignored: no code or trust injected through the environment.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // No --inspect / SIGUSR1 debugger on the main process (it holds the core's keys).
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // We serve app://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The file whose fuse wire is flipped: the .app bundle on macOS, the executable elsewhere. */
export function electronBinary(context: PackedApp): string {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.executableName}.exe`);
    default:
      return join(appOutDir, packager.executableName);
  }
}

/**
 * electron-builder's afterPack hook (electron-builder.yml → scripts/release/after-pack.cjs): runs
 * after the app is packed and before signing, so the signature covers the flipped fuses. On macOS
 * the ad-hoc signature is reset because flipping changes the binary.
 */
export default async function afterPack(context: PackedApp): Promise<void> {
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await flipFuses(electronBinary(context), { ...FUSES, resetAdHocDarwinSignature: darwin });
}
