import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getAppCacheDir } from 'electron-updater/out/AppAdapter.js';
import type { Core } from '../../core/index.ts';
import { UpdateController } from '../../update/controller.ts';
import { FeedGuard } from '../../update/guard.ts';
import type { AppAdapter } from './update-engine.ts';
import { PinnedHttpExecutor, platformUpdater, signedUpdateEngine } from './update-engine.ts';

/** What the main process tells the core worker about the installed app (worker-protocol.ts). */
export interface InstalledApp {
  version: string;
  name: string;
  isPackaged: boolean;
  resourcesPath: string;
}

const SETTLE_MS = 60_000;
const FIRST_CHECK_MS = 30_000;

/**
 * The desk's updater in the core worker: the feed is `/updates/<channel>/` on the server this desk
 * joined (sync_connection, docs/sync.md), with its pinned TLS fingerprint; the release key comes
 * from config.json (`updates.releaseKey`, pinned at install). Nothing is set up for a development
 * run, a desk not joined to a server, or macOS (Squirrel.Mac lives in the main process): the UI
 * then says so. Returns a stop function.
 */
export function attachDeskUpdates(
  core: Core,
  app: InstalledApp,
  quitForUpdate: () => void,
  log: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void,
): () => void {
  if (!app.isPackaged) return () => undefined;
  const connection = core.db.reader
    .prepare('SELECT server_url, fingerprint FROM sync_connection WHERE id = 1')
    .get() as { server_url: string; fingerprint: string | null } | undefined;
  if (!connection) return () => undefined;
  const { channel, releaseKey, checkIntervalMinutes } = core.deps.config.updates;
  const packageTypeFile = join(app.resourcesPath, 'package-type');
  const packageType = existsSync(packageTypeFile) ? readFileSync(packageTypeFile, 'utf8').trim() : null;
  const adapter: AppAdapter = {
    version: app.version,
    name: app.name,
    isPackaged: true,
    appUpdateConfigPath: join(app.resourcesPath, 'app-update.yml'),
    userDataPath: core.deps.dataDir,
    baseCachePath: getAppCacheDir(),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: quitForUpdate,
    onQuit: () => undefined,
  };
  const updater = platformUpdater(adapter, process.platform, process.env, packageType);
  if (!updater) return () => undefined;
  const guard = new FeedGuard({
    releaseKey,
    channel,
    runningVersion: app.version,
    stateDir: core.deps.dataDir,
  });
  const feedUrl = new URL(
    `updates/${channel}/`,
    connection.server_url.endsWith('/') ? connection.server_url : `${connection.server_url}/`,
  ).toString();
  const engine = signedUpdateEngine({
    updater,
    guard,
    feedUrl,
    executor: new PinnedHttpExecutor(connection.fingerprint),
  });
  const controller = new UpdateController({
    engine,
    channel,
    now: core.deps.now,
    settleSync: () => settleSync(core),
    log,
  });
  core.setDeskUpdates(controller);
  // Checks never throw: offline, the controller keeps lastError and the running version runs on.
  const first = setTimeout(() => void controller.check(), FIRST_CHECK_MS);
  const every = setInterval(() => void controller.check(), checkIntervalMinutes * 60_000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
    core.setDeskUpdates(null);
  };
}

/** Before the restart: push the queue now; if the server cannot be reached in time, pause the client. */
async function settleSync(core: Core): Promise<void> {
  const sync = core.deps.deskSync;
  if (!sync) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error('sync did not finish in time')), SETTLE_MS)),
  );
  try {
    await Promise.race([sync.syncNow(), timeout]);
  } catch {
    await sync.cancel();
  } finally {
    clearTimeout(timer);
  }
}
