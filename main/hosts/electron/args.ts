/**
 * Where the desktop keeps its data: `--data-dir <path>` / `--data-dir=<path>` on the command line,
 * else `PARTNER_DESK_DATA_DIR`, else null (the caller then uses Electron's userData directory).
 * Pure, so it is tested without Electron.
 */
export const DATA_DIR_FLAG = '--data-dir';
export const DATA_DIR_ENV = 'PARTNER_DESK_DATA_DIR';

export function dataDirFromArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === DATA_DIR_FLAG) {
      const next = argv[i + 1];
      if (next !== undefined && next.length > 0 && !next.startsWith('--')) return next;
    } else if (arg?.startsWith(`${DATA_DIR_FLAG}=`)) {
      const value = arg.slice(DATA_DIR_FLAG.length + 1);
      if (value.length > 0) return value;
    }
  }
  const fromEnv = env[DATA_DIR_ENV];
  return fromEnv !== undefined && fromEnv.length > 0 ? fromEnv : null;
}
