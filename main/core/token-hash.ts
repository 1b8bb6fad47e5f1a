import { createHash } from 'node:crypto';

/**
 * SHA-256 of a secret the database must not hold in clear (session tokens, reset links; the login
 * throttle's key). Its own module, so feature handlers, the dispatcher and the event channel share
 * it without importing one another.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
