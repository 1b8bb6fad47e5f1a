/**
 * Where the desktop keeps its data: `--data-dir <path>` / `--data-dir=<path>` on the command line,
 * else `PARTNER_DESK_DATA_DIR`, else null (the caller then uses Electron's userData directory).
 * Pure, so it is tested without Electron.
 *
 * The OS starts the desktop with a `partnerdesk://` link as an argument when a user clicks one in
 * a mail; whoever wrote the link controls that argument (and, through quoting bugs in some launchers,
 * possibly the ones next to it). So flags are read only before `--`, and not at all when a deep link
 * is on the command line: a link opens a page, it never chooses the data directory.
 */
export const DATA_DIR_FLAG = '--data-dir';
export const DATA_DIR_ENV = 'PARTNER_DESK_DATA_DIR';
const DEEP_LINK_PREFIX = 'partnerdesk:';

export interface DesktopArgs {
  dataDir: string | null;
  /** Flags ignored because a deep link came with them (for the log). */
  refused: string[];
}

export function hasDeepLink(argv: readonly string[]): boolean {
  return argv.some((arg) => arg.trim().toLowerCase().startsWith(DEEP_LINK_PREFIX));
}

export function parseDesktopArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): DesktopArgs {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const fromEnv = env[DATA_DIR_ENV];
  const envDir = fromEnv !== undefined && fromEnv.length > 0 ? fromEnv : null;
  if (hasDeepLink(argv)) return { dataDir: envDir, refused: options.filter((a) => a.startsWith('-')) };
  for (let i = 0; i < options.length; i++) {
    const arg = options[i];
    if (arg === DATA_DIR_FLAG) {
      const next = options[i + 1];
      if (next !== undefined && next.length > 0 && !next.startsWith('--')) return { dataDir: next, refused: [] };
    } else if (arg?.startsWith(`${DATA_DIR_FLAG}=`)) {
      const value = arg.slice(DATA_DIR_FLAG.length + 1);
      if (value.length > 0) return { dataDir: value, refused: [] };
    }
  }
  return { dataDir: envDir, refused: [] };
}

export function dataDirFromArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string | null {
  return parseDesktopArgs(argv, env).dataDir;
}
