import { AppError } from '../../contract/index.ts';
import { FailAfterCommit } from '../command.ts';
import { requireActor } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { command } from '../handlers.ts';
import { hashToken } from '../token-hash.ts';
import { DUMMY_HASH, verifyPassword } from './passwords.ts';
import { loadProfile } from './profile.ts';
import { clearThrottle, isOnlyActiveAdmin, isPaused, pausedError, readThrottle, recordFailure } from './throttle.ts';
import type { ThrottleTarget } from './throttle.ts';
import type { Config } from '../config.ts';

interface LoginRow {
  id: string;
  password_hash: string;
  is_active: number;
}

const FIND = 'SELECT id, password_hash, is_active FROM app_user WHERE id = ? OR email = lower(?)';

/** When the session ends at the latest: idle timeout from now, capped by its absolute lifetime. */
export function sessionDeadline(config: Config['session'], createdAt: string, now: Date): string {
  return new Date(
    Math.min(now.getTime() + config.inactivitySeconds * 1000, Date.parse(createdAt) + config.absoluteSeconds * 1000),
  ).toISOString();
}

export const loginHandlers: HandlerMap<'auth.login' | 'auth.logout' | 'auth.keepAlive'> = {
  'auth.login': command<'auth.login', { userId: string | null; passwordOk: boolean }>({
    module: 'accounts',
    actorName: (i) => i.login.slice(0, 254),
    async prepare(ctx, input) {
      const row = ctx.db.prepare(FIND).get(input.login, input.login) as LoginRow | undefined;
      // Verify against a dummy hash for unknown logins so timing does not reveal which exist.
      const passwordOk = await verifyPassword(input.password, row?.password_hash ?? DUMMY_HASH);
      return { userId: row?.id ?? null, passwordOk: row ? passwordOk : false };
    },
    apply(ctx, input, { userId, passwordOk }) {
      const row = userId
        ? (ctx.db.prepare('SELECT id, password_hash, is_active FROM app_user WHERE id = ?').get(userId) as
            LoginRow | undefined)
        : undefined;
      const target: ThrottleTarget = row
        ? { kind: 'user', id: row.id, onlyAdmin: isOnlyActiveAdmin(ctx.db, row.id) }
        : { kind: 'unknown', login: input.login };
      const throttle = readThrottle(ctx.db, target);
      // Paused: the same answer whatever the password, so a pause cannot be used to test passwords.
      if (isPaused(throttle, ctx.now)) throw pausedError(throttle.lockedUntil!, ctx.now);
      if (!row || !passwordOk)
        throw new FailAfterCommit(recordFailure(ctx.db, target, throttle, ctx.deps.config.lockout, ctx.now));
      // Only someone who knows the password learns that the account is disabled.
      if (row.is_active !== 1) throw new AppError('PD_AUTH_007', 'This account is disabled.');
      clearThrottle(ctx.db, row.id);
      const token = ctx.deps.randomBytes(32).toString('base64url');
      const time = ctx.now.toISOString();
      ctx.db
        .prepare('INSERT INTO app_session (token_hash, user_id, created_at, last_active_at) VALUES (?, ?, ?, ?)')
        .run(hashToken(token), row.id, time, time);
      const expiresAt = sessionDeadline(ctx.deps.config.session, time, ctx.now);
      return {
        output: { token, expiresAt, user: loadProfile(ctx.db, row.id) },
        ref: { type: 'user', id: row.id },
        actor: row.id,
        outbox: false,
      };
    },
  }),

  'auth.logout': command<'auth.logout'>({
    module: 'accounts',
    apply(ctx) {
      const actor = requireActor(ctx.actor);
      ctx.db
        .prepare('UPDATE app_session SET ended_at = ? WHERE token_hash = ?')
        .run(ctx.now.toISOString(), actor.sessionHash);
      return { output: { ok: true }, ref: { type: 'user', id: actor.userId }, outbox: false };
    },
  }),

  // The command path itself moves the session's last activity; this only reports the new deadline.
  'auth.keepAlive': command<'auth.keepAlive'>({
    module: 'accounts',
    apply(ctx) {
      const actor = requireActor(ctx.actor);
      const session = ctx.db
        .prepare('SELECT created_at FROM app_session WHERE token_hash = ?')
        .get(actor.sessionHash) as { created_at: string };
      return {
        output: {
          expiresAt: sessionDeadline(ctx.deps.config.session, session.created_at, ctx.now),
        },
        ref: { type: 'user', id: actor.userId },
        outbox: false,
        audit: false,
      };
    },
  }),
};
