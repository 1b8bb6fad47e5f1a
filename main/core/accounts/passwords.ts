import { scrypt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../contract/index.ts';

// scrypt N=2^15, r=8, p=1 (OWASP's floor for scrypt); 32 MiB per hash.
const N = 32768;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r, p, maxmem: MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string, salt: Buffer): Promise<string> {
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random password, so unknown logins cost the same time as known ones. */
export const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Strength rules (the UI shows the same list): 8–128 characters with upper case, lower case,
 * a digit and a symbol, and not containing the username.
 */
export function checkPasswordStrength(password: string, username?: string, field = 'password'): void {
  const problems: string[] = [];
  if (password.length < 8 || password.length > 128) problems.push('length');
  if (!/[A-Z]/.test(password)) problems.push('upper');
  if (!/[a-z]/.test(password)) problems.push('lower');
  if (!/[0-9]/.test(password)) problems.push('digit');
  if (!/[^A-Za-z0-9]/.test(password)) problems.push('symbol');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('username');
  if (problems.length > 0) {
    throw new AppError('PD_PWD_001', `The password does not meet the rules (${problems.join(', ')}).`, {
      [field]: problems.join(','),
    });
  }
}
