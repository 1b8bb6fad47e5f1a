import { BrowserWindow } from 'electron';
import type { WebContents } from 'electron';
import { APP_ENTRY_URL } from './guards.ts';

/** The windows this process created; IPC answers and events go to these webContents only. */
const ours = new Set<number>();

export function isOurWebContents(contents: WebContents): boolean {
  return !contents.isDestroyed() && ours.has(contents.id);
}

export function ourWebContents(): WebContents[] {
  return BrowserWindow.getAllWindows()
    .map((w) => w.webContents)
    .filter((c) => isOurWebContents(c));
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Partner Desk',
    webPreferences: {
      // Written out even where they are Electron's defaults: reviewers and electronegativity read
      // the constructor options, not the defaults (style.md §5.16, checklist items 2–6).
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      preload: preloadPath,
    },
  });
  const id = win.webContents.id;
  ours.add(id);
  win.on('closed', () => ours.delete(id));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
