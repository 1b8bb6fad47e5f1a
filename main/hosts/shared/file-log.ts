import { appendFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreDeps } from '../../core/deps.ts';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenIfPresent } from '../../../lib/private-files.ts';

const MAX_BYTES = 5 * 1024 * 1024;

/**
 * The core's log for a host: JSON lines in `<dataDir>/logs/partner-desk.log`, rotated once to
 * `.1` at 5 MiB, and echoed to stderr for warnings and errors. Never logs request payloads.
 */
export function fileLog(dataDir: string): CoreDeps['log'] {
  const dir = join(dataDir, 'logs');
  const file = join(dir, 'partner-desk.log');
  ensurePrivateDir(dir);
  tightenIfPresent(file, `${file}.1`);
  return (level, message, detail) => {
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level,
      message,
      detail: describe(detail),
    });
    try {
      if (statSafe(file) > MAX_BYTES) renameSync(file, `${file}.1`);
      appendFileSync(file, `${line}\n`, { mode: PRIVATE_FILE_MODE });
    } catch {
      // a full disk must not take the app down with it
    }
    if (level !== 'info') console.error(`[partner-desk] ${level}: ${message}`);
  };
}

function statSafe(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function describe(detail: unknown): unknown {
  if (detail instanceof Error) return { name: detail.name, message: detail.message, stack: detail.stack };
  return detail ?? null;
}
