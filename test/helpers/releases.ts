import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';

/** electron-builder's channel file for this machine (what GenericProvider asks for on Linux). */
export const LINUX_FEED = process.arch === 'arm64' ? 'latest-linux-arm64.yml' : 'latest-linux.yml';

/** A deterministic "installer": its bytes depend only on the version and size. */
export function installerBytes(version: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(version).digest();
  for (let i = 0; i < size; i += block.length) {
    block.copy(out, i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/**
 * Writes what electron-builder leaves in out/ for a Linux build: the .deb and latest-linux.yml
 * with its sha512 (base64) and size. Returns the folder.
 */
export function writeLinuxRelease(
  root: string,
  version: string,
  options: { size?: number; notes?: string; metadataName?: string } = {},
): string {
  const dir = join(root, `out-${version}`);
  mkdirSync(dir, { recursive: true });
  const name = `partner-desk_${version}_amd64.deb`;
  const bytes = installerBytes(version, options.size ?? 256 * 1024);
  writeFileSync(join(dir, name), bytes);
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  const yml = dump({
    version,
    files: [{ url: name, sha512, size: bytes.length }],
    path: name,
    sha512,
    releaseDate: '2026-11-30T10:00:00.000Z',
    ...(options.notes ? { releaseNotes: options.notes } : {}),
  });
  writeFileSync(join(dir, options.metadataName ?? LINUX_FEED), yml);
  return dir;
}
