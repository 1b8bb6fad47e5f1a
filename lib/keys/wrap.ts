import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, writePrivateFile } from '../private-files.ts';

/**
 * Private keys never rest in clear: they are stored wrapped (AES-256-GCM) under a
 * key-encryption key the host provides — Electron's safeStorage on the desktop, a key file
 * readable only by the user on the web host.
 */
export interface KeyWrap {
  wrap(plain: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

const VERSION = 1;

export function aesKeyWrap(kek: Buffer): KeyWrap {
  if (kek.length !== 32) throw new Error('the key-encryption key must be 32 bytes');
  return {
    wrap(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', kek, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    unwrap(wrapped) {
      if (wrapped.length < 29 || wrapped[0] !== VERSION) throw new Error('wrapped key has an unknown format');
      const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(1, 13));
      decipher.setAuthTag(wrapped.subarray(13, 29));
      return Buffer.concat([decipher.update(wrapped.subarray(29)), decipher.final()]);
    },
  };
}

/** The web host's key-encryption key: `<dataDir>/keys/kek.key`, created once with mode 0600. */
export function fileKek(dataDir: string): Buffer {
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'kek.key');
  ensurePrivateDir(dir);
  if (!existsSync(file)) writePrivateFile(file, randomBytes(32), 'wx');
  chmodSync(file, PRIVATE_FILE_MODE);
  const kek = readFileSync(file);
  if (kek.length !== 32) throw new Error(`${file} is damaged (expected 32 bytes); restore it from a backup`);
  return kek;
}
