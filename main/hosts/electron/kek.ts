import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, writePrivateFile } from '../../../lib/private-files.ts';

/** The part of Electron's safeStorage this needs (passed in, so it is testable without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The desktop's key-encryption key for private keys at rest: 32 random bytes kept in
 * `<dataDir>/keys/kek.safe`, encrypted by the OS keychain through safeStorage. Returns null when
 * the OS offers no encryption (some Linux desktops without a keyring): the core then uses its
 * user-only key file, and the caller logs that.
 */
export function safeStorageKek(dataDir: string, safe: SafeStorageLike): Buffer | null {
  if (!safe.isEncryptionAvailable()) return null;
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'kek.safe');
  if (existsSync(file)) {
    const kek = Buffer.from(safe.decryptString(readFileSync(file)), 'base64');
    if (kek.length !== 32) throw new Error(`${file} does not hold a 32-byte key; restore it from a backup`);
    return kek;
  }
  const kek = randomBytes(32);
  ensurePrivateDir(dir);
  writePrivateFile(file, safe.encryptString(kek.toString('base64')), 'wx');
  return kek;
}
