import { chmodSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';

/**
 * Everything Partner Desk keeps (database, keys, mail, logs, the virtual devices' PKI) is for the
 * OS user alone. Modes given at creation only ever lose bits to the umask, and an existing folder
 * or file keeps whatever it had, so each helper also sets the mode explicitly.
 * (On Windows chmod only toggles read-only; there the profile folder's ACL does this job.)
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates the file empty if missing (so whoever opens it next inherits 0600), else tightens it. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** Tightens files that may exist (SQLite's -wal and -shm, a rotated log). */
export function tightenIfPresent(...files: string[]): void {
  for (const file of files) if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}

export function writePrivateFile(file: string, data: string | Uint8Array, flag = 'w'): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE_MODE, flag });
  chmodSync(file, PRIVATE_FILE_MODE);
}
