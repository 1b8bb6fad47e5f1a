import type { InstalledApp } from './desk-updates.ts';

export interface UpdaterOptions {
  /** `app.isPackaged`: an unpackaged app has no installer and never updates itself. */
  isPackaged: boolean;
  version: string;
  name: string;
  resourcesPath: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * What the core worker needs to run the desk's updater (desk-updates.ts: electron-updater behind
 * the signed-feed guard, against the server this desk syncs with), or undefined when updates are
 * off: a development run, or PARTNER_DESK_DISABLE_UPDATES=1 (managed installs, kiosks).
 */
export function installedApp(options: UpdaterOptions): InstalledApp | undefined {
  if (!options.isPackaged || options.env.PARTNER_DESK_DISABLE_UPDATES === '1') return undefined;
  return {
    version: options.version,
    name: options.name,
    isPackaged: true,
    resourcesPath: options.resourcesPath,
  };
}
