import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileLog } from '../../main/hosts/shared/file-log.ts';

const dirs: string[] = [];
afterEach(() => {
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  vi.restoreAllMocks();
});

describe('host file log', () => {
  it('writes JSON lines into <dataDir>/logs with error details, and rotates past 5 MiB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-log-'));
    dirs.push(dir);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = fileLog(dir);
    log('info', 'started');
    log('error', 'dispatch failed', new Error('boom'));
    const file = join(dir, 'logs', 'partner-desk.log');
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: string; message: string; detail: { message?: string } | null });
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['info', 'started'],
      ['error', 'dispatch failed'],
    ]);
    expect(lines[1]!.detail?.message).toBe('boom');
    writeFileSync(file, 'x'.repeat(5 * 1024 * 1024 + 1));
    log('warn', 'after rotation');
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('after rotation');
  });
});
