import { AppError } from '../../contract/index.ts';
import type { Config } from '../config.ts';
import type { WriteDb } from '../context.ts';
import { hashToken } from '../token-hash.ts';

/**
 * Failed sign-ins, counted the same way whether the login names an account or not, so that the
 * answers — attempts left, a pause and its end — say nothing about which accounts exist. While an
 * account is paused every attempt gets the same answer, right password or wrong, so a pause cannot
 * be used to test passwords. The password is checked first, so "disabled" is only ever said to
 * someone who knows the password.
 */
export interface Throttle {
  failures: number;
  lockedUntil: string | null;
}

export type ThrottleTarget = { kind: 'user'; id: string; onlyAdmin: boolean } | { kind: 'unknown'; login: string };

const KEEP_UNKNOWN_MS = 24 * 3600 * 1000;

export function pausedError(until: string, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60000));
  return new AppError(
    'PD_AUTH_002',
    `Too many failed sign-ins: sign-in is paused for ${minutes} more minute(s).`,
    undefined,
    undefined,
    { attemptsLeft: 0, retryAt: until },
  );
}

export function isPaused(t: Throttle, now: Date): boolean {
  return t.lockedUntil !== null && Date.parse(t.lockedUntil) > now.getTime();
}

export function readThrottle(db: WriteDb, target: ThrottleTarget): Throttle {
  if (target.kind === 'user') {
    const row = db
      .prepare('SELECT failed_logins AS failures, locked_until AS lockedUntil FROM app_user WHERE id = ?')
      .get(target.id) as Throttle;
    return row;
  }
  const row = db
    .prepare('SELECT failures, locked_until AS lockedUntil FROM login_throttle WHERE login_key = ?')
    .get(loginKey(target.login)) as Throttle | undefined;
  return row ?? { failures: 0, lockedUntil: null };
}

/**
 * Records one more wrong password and returns the answer. Everyone but the only active admin is
 * paused for lockSeconds after maxFailedLogins; the only admin instead waits a doubling time
 * (adminBackoffSeconds … adminMaxBackoffSeconds), so nobody can shut administration out for good.
 */
export function recordFailure(
  db: WriteDb,
  target: ThrottleTarget,
  current: Throttle,
  lockout: Config['lockout'],
  now: Date,
): AppError {
  const failures = current.failures + 1;
  let next: Throttle;
  if (target.kind === 'user' && target.onlyAdmin) {
    const over = failures - lockout.maxFailedLogins;
    const waitSeconds =
      over < 0 ? 0 : Math.min(lockout.adminMaxBackoffSeconds, lockout.adminBackoffSeconds * 2 ** Math.min(over, 30));
    next = {
      failures,
      lockedUntil: waitSeconds > 0 ? new Date(now.getTime() + waitSeconds * 1000).toISOString() : null,
    };
  } else if (failures >= lockout.maxFailedLogins) {
    next = {
      failures: 0,
      lockedUntil: new Date(now.getTime() + lockout.lockSeconds * 1000).toISOString(),
    };
  } else {
    next = { failures, lockedUntil: null };
  }
  writeThrottle(db, target, next, now);
  const attemptsLeft = Math.max(0, lockout.maxFailedLogins - failures);
  if (next.lockedUntil) return pausedError(next.lockedUntil, now);
  return new AppError('PD_AUTH_001', 'The username or password is not correct.', undefined, undefined, {
    attemptsLeft,
  });
}

export function clearThrottle(db: WriteDb, userId: string): void {
  db.prepare('UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(userId);
}

/** True when this user is the one active partner admin (locking it would lock administration out). */
export function isOnlyActiveAdmin(db: WriteDb, userId: string): boolean {
  const admins = db
    .prepare(
      "SELECT u.id FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE r.role = 'PARTNER_ADMIN' AND u.is_active = 1 LIMIT 2",
    )
    .pluck()
    .all() as string[];
  return admins.length === 1 && admins[0] === userId;
}

function loginKey(login: string): string {
  return hashToken(login.trim().toLowerCase());
}

function writeThrottle(db: WriteDb, target: ThrottleTarget, t: Throttle, now: Date): void {
  if (target.kind === 'user') {
    db.prepare('UPDATE app_user SET failed_logins = ?, locked_until = ? WHERE id = ?').run(
      t.failures,
      t.lockedUntil,
      target.id,
    );
    return;
  }
  const time = now.toISOString();
  // Unknown logins are kept a day at most: enough to pace a guesser, never a growing list.
  db.prepare('DELETE FROM login_throttle WHERE updated_at < ?').run(
    new Date(now.getTime() - KEEP_UNKNOWN_MS).toISOString(),
  );
  db.prepare(
    'INSERT INTO login_throttle (login_key, failures, locked_until, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (login_key) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, updated_at = excluded.updated_at',
  ).run(loginKey(target.login), t.failures, t.lockedUntil, time);
}
