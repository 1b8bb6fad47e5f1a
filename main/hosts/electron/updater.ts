type Log = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;

export interface UpdaterOptions {
  /** `app.isPackaged`: updates are only ever checked from an installed build. */
  isPackaged: boolean;
  env: Readonly<Record<string, string | undefined>>;
  log: Log;
}

/**
 * electron-updater against the feed in electron-builder.yml (`publish`). Never runs in dev (an
 * unpackaged app has no app-update.yml and must not update itself), and can be switched off with
 * PARTNER_DESK_DISABLE_UPDATES=1 (managed installs, kiosks). Loaded lazily so dev runs never load it.
 */
export async function startUpdater({ isPackaged, env, log }: UpdaterOptions): Promise<void> {
  if (!isPackaged) {
    log('info', 'updater: development build, update checks are off');
    return;
  }
  if (env.PARTNER_DESK_DISABLE_UPDATES === '1') {
    log('info', 'updater: disabled by PARTNER_DESK_DISABLE_UPDATES');
    return;
  }
  try {
    // electron-updater is CommonJS whose `autoUpdater` is a getter that Node's ESM named-export
    // detection misses; its module.exports (`default`) always has it.
    const { autoUpdater } = (await import('electron-updater')).default;
    autoUpdater.logger = {
      info: (message?: unknown) => log('info', `updater: ${String(message)}`),
      warn: (message?: unknown) => log('warn', `updater: ${String(message)}`),
      error: (message?: unknown) => log('error', `updater: ${String(message)}`),
      debug: () => undefined,
    };
    autoUpdater.on('update-available', (info) => log('info', `updater: ${info.version} available`));
    autoUpdater.on('update-downloaded', (info) => log('info', `updater: ${info.version} downloaded; installs on quit`));
    autoUpdater.on('error', (err) => log('error', 'updater: failed', err));
    await autoUpdater.checkForUpdatesAndNotify();
  } catch (err) {
    // Offline field offices are normal: a failed check is logged, never fatal.
    log('warn', 'updater: update check failed', err);
  }
}
