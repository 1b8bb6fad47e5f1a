import { homedir, platform } from 'node:os';
import { join } from 'node:path';

/** The OS user-data folder Electron's app.getPath('userData') would use, for hosts without Electron. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PARTNER_DESK_DATA_DIR) return env.PARTNER_DESK_DATA_DIR;
  const name = 'Partner Desk';
  switch (platform()) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', name);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
  }
}
