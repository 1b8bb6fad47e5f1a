import { join, resolve } from 'node:path';
import { app, BrowserWindow, safeStorage, session, shell } from 'electron';
import { parseDesktopArgs } from './args.ts';
import { startCoreClient } from './core-client.ts';
import { EXTERNAL_HOST_ALLOWLIST } from './external-links.ts';
import {
  APP_ENTRY_URL,
  DEEP_LINK_SCHEME,
  deepLinkFromArgv,
  deepLinkRoute,
  isAllowedExternalUrl,
  isAppUrl,
} from './guards.ts';
import { registerIpc } from './ipc.ts';
import { safeStorageKek } from './kek.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { installedApp } from './updater.ts';
import { createMainWindow } from './windows.ts';

/**
 * The desktop host: windows, the app:// protocol, IPC bound to the contract, the updater.
 * Everything else — the core — runs in a worker thread (core-worker.ts). Bundled by
 * scripts/build-electron.mjs to dist/electron/main.cjs (package.json "main").
 */

type Level = 'info' | 'warn' | 'error';
const log = (level: Level, message: string, detail?: unknown) =>
  console[level === 'info' ? 'log' : level](`[desktop] ${message}`, detail ?? '');

/** Deep links in e-mails (password reset) use this scheme; the core builds them from publicUrl. */
const PUBLIC_URL = `${DEEP_LINK_SCHEME}://`;

// Data directory: --data-dir / PARTNER_DESK_DATA_DIR, else Electron's userData. An explicit one
// also holds Chromium's profile, so each data directory is its own single instance and profile.
// A deep link on the command line disables flags (args.ts): the link's author chose those arguments.
const desktopArgs = parseDesktopArgs(process.argv, process.env);
if (desktopArgs.refused.length > 0)
  log('warn', 'ignored command-line flags that came with a deep link', desktopArgs.refused.join(' ').slice(0, 200));
const explicitDataDir = desktopArgs.dataDir;
if (explicitDataDir) app.setPath('userData', resolve(explicitDataDir));
const dataDir = explicitDataDir ? resolve(explicitDataDir) : app.getPath('userData');

function openExternalIfAllowed(url: string): void {
  if (isAllowedExternalUrl(url, EXTERNAL_HOST_ALLOWLIST)) {
    shell.openExternal(url).catch((err: unknown) => log('warn', 'could not open link externally', err));
  } else {
    log('warn', 'blocked a link outside the allowlist', url.slice(0, 200));
  }
}

/** Applies to every webContents, ours or not: no popups, no navigation away, no webviews. */
function lockDownContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternalIfAllowed(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      if (isAppUrl(event.url)) return;
      event.preventDefault();
      openExternalIfAllowed(event.url);
    });
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function denyAllPermissions(): void {
  const ses = session.defaultSession;
  // The one exception: copy buttons (ids, API keys shown once) write to the clipboard from our own UI.
  const allowed = (permission: string, url: string) => permission === 'clipboard-sanitized-write' && isAppUrl(url);
  ses.setPermissionRequestHandler((contents, permission, callback) => callback(allowed(permission, contents.getURL())));
  ses.setPermissionCheckHandler((_contents, permission, origin) => allowed(permission, origin));
  ses.setDevicePermissionHandler(() => false);
}

function focusExistingWindow(): void {
  const [win] = BrowserWindow.getAllWindows();
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** Opens a validated deep-link route (a reset link from an e-mail) in the main window. */
function openRoute(route: string | null): void {
  if (!route) return;
  const [win] = BrowserWindow.getAllWindows();
  if (!win) {
    pendingRoute = route;
    return;
  }
  focusExistingWindow();
  win.loadURL(`${APP_ENTRY_URL}#${route}`).catch((err: unknown) => log('warn', 'could not open the link', err));
}
let pendingRoute: string | null = deepLinkFromArgv(process.argv);

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions();
  const appRoot = app.getAppPath();
  serveRenderer(join(appRoot, 'dist', 'renderer'));
  const kek = safeStorageKek(dataDir, safeStorage);
  if (!kek)
    log('warn', 'the OS offers no safeStorage encryption: private keys are wrapped with a user-only key file instead');
  const updates = installedApp({
    isPackaged: app.isPackaged,
    version: app.getVersion(),
    name: app.getName(),
    resourcesPath: process.resourcesPath,
    env: process.env,
  });
  if (!updates) log('info', 'updater: off (development build or PARTNER_DESK_DISABLE_UPDATES=1)');
  const core = startCoreClient({
    workerPath: join(appRoot, 'dist', 'electron', 'core-worker.cjs'),
    dataDir,
    publicUrl: PUBLIC_URL,
    log,
    ...(kek ? { kek } : {}),
    ...(updates ? { app: updates, onQuitForUpdate: () => app.quit() } : {}),
  });
  const ipc = registerIpc(core, log);
  const preloadPath = join(appRoot, 'dist', 'electron', 'preload.cjs');
  const openWindow = () => ipc.attach(createMainWindow(preloadPath).webContents);
  log('info', `data directory ${dataDir}`);
  openWindow();
  if (pendingRoute) openRoute(pendingRoute);
  pendingRoute = null;

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let coreClosed = false;
  app.on('before-quit', (event) => {
    if (coreClosed) return;
    event.preventDefault();
    coreClosed = true;
    ipc.dispose();
    core
      .close()
      .catch((err: unknown) => log('error', 'core did not close cleanly', err))
      .finally(() => app.quit());
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another desktop already runs on this data directory; it gets focused via 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    focusExistingWindow();
    openRoute(deepLinkFromArgv(argv));
  });
  // macOS delivers deep links as open-url, possibly before the app is ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openRoute(deepLinkRoute(url));
  });
  // The link goes after `--`, so Chromium and args.ts read no switch out of it.
  app.setAsDefaultProtocolClient(
    DEEP_LINK_SCHEME,
    process.execPath,
    process.defaultApp && process.argv[1] ? [resolve(process.argv[1]), '--'] : ['--'],
  );
  app.setAppUserModelId('org.partnerdesk.app');
  app.enableSandbox();
  registerAppScheme();
  lockDownContents();
  start().catch((err: unknown) => {
    log('error', 'the desktop could not start', err);
    app.exit(1);
  });
}
