import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safeStorageKek } from '../../main/hosts/electron/kek.ts';
import type { SafeStorageLike } from '../../main/hosts/electron/kek.ts';
import { aesKeyWrap } from '../../lib/keys/wrap.ts';

// Stands in for the OS keychain: reversible, but never the identity, so a clear key on disk shows.
const keychain: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(`sealed:${Buffer.from(s).reverse().toString('hex')}`),
  decryptString: (b) =>
    Buffer.from(b.toString().replace(/^sealed:/, ''), 'hex')
      .reverse()
      .toString(),
};
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'pd-kek-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('desktop key-encryption key (safeStorage)', () => {
  it('creates 32 random bytes once, stores them only sealed and user-readable, returns the same key later', () => {
    const dir = tmp();
    const kek = safeStorageKek(dir, keychain)!;
    expect(kek).toHaveLength(32);
    const file = join(dir, 'keys', 'kek.safe');
    expect(readFileSync(file).includes(kek)).toBe(false);
    expect(readFileSync(file).toString()).not.toContain(kek.toString('base64'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(safeStorageKek(dir, keychain)!.equals(kek)).toBe(true);
  });

  it('gives no key when the OS has no encryption, and refuses a damaged file', () => {
    expect(safeStorageKek(tmp(), { ...keychain, isEncryptionAvailable: () => false })).toBeNull();
    const dir = tmp();
    safeStorageKek(dir, keychain);
    expect(() => safeStorageKek(dir, { ...keychain, decryptString: () => 'c2hvcnQ=' })).toThrow(/32-byte/);
  });

  it('wraps and unwraps private keys; a wrong key or a flipped bit is refused', () => {
    const wrap = aesKeyWrap(Buffer.alloc(32, 7));
    const secret = Buffer.from('-----BEGIN PRIVATE KEY----- not really');
    const sealed = wrap.wrap(secret);
    expect(sealed.includes(secret)).toBe(false);
    expect(wrap.unwrap(sealed).equals(secret)).toBe(true);
    expect(() => aesKeyWrap(Buffer.alloc(32, 8)).unwrap(sealed)).toThrow();
    sealed[sealed.length - 1]! ^= 1;
    expect(() => wrap.unwrap(sealed)).toThrow();
    expect(() => aesKeyWrap(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
