import { AppError } from '../../contract/index.ts';
import { FailAfterCommit } from '../command.ts';
import { requireActor } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { command } from '../handlers.ts';
import { hashToken } from '../dispatch.ts';
import { DUMMY_HASH, verifyPassword } from './passwords.ts';
import { loadProfile } from './profile.ts';

interface LoginRow {
  id: string;
  password_hash: string;
  is_active: number;
  failed_logins: number;
  locked_until: string | null;
}

const FIND = 'SELECT id, password_hash, is_active, failed_logins, locked_until FROM app_user WHERE id = ? OR email = lower(?)';

function lockedMessage(until: string, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60000));
  return new AppError('PD_AUTH_002', `Too many failed sign-ins: the account is locked for ${minutes} more minute(s).`);
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
    apply(ctx, _input, { userId, passwordOk }) {
      const wrong = new AppError('PD_AUTH_001', 'The username or password is not correct.');
      const row = userId ? (ctx.db.prepare('SELECT id, password_hash, is_active, failed_logins, locked_until FROM app_user WHERE id = ?').get(userId) as LoginRow | undefined) : undefined;
      if (!row) throw wrong;
      if (row.locked_until && Date.parse(row.locked_until) > ctx.now.getTime()) throw lockedMessage(row.locked_until, ctx.now);
      if (row.is_active !== 1) throw new AppError('PD_AUTH_007', 'This account is disabled.');
      const { maxFailedLogins, lockSeconds } = ctx.deps.config.lockout;
      if (!passwordOk) {
        const failures = row.failed_logins + 1;
        if (failures >= maxFailedLogins) {
          const until = new Date(ctx.now.getTime() + lockSeconds * 1000).toISOString();
          ctx.db.prepare('UPDATE app_user SET failed_logins = 0, locked_until = ? WHERE id = ?').run(until, row.id);
          throw new FailAfterCommit(lockedMessage(until, ctx.now));
        }
        ctx.db.prepare('UPDATE app_user SET failed_logins = ? WHERE id = ?').run(failures, row.id);
        throw new FailAfterCommit(wrong);
      }
      ctx.db.prepare('UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(row.id);
      const token = ctx.deps.randomBytes(32).toString('base64url');
      const time = ctx.now.toISOString();
      ctx.db.prepare('INSERT INTO app_session (token_hash, user_id, created_at, last_active_at) VALUES (?, ?, ?, ?)').run(hashToken(token), row.id, time, time);
      const expiresAt = new Date(ctx.now.getTime() + ctx.deps.config.session.inactivitySeconds * 1000).toISOString();
      return { output: { token, expiresAt, user: loadProfile(ctx.db, row.id) }, ref: { type: 'user', id: row.id }, actor: row.id, outbox: false };
    },
  }),

  'auth.logout': command<'auth.logout'>({
    module: 'accounts',
    apply(ctx) {
      const actor = requireActor(ctx.actor);
      ctx.db.prepare('UPDATE app_session SET ended_at = ? WHERE token_hash = ?').run(ctx.now.toISOString(), actor.sessionHash);
      return { output: { ok: true }, ref: { type: 'user', id: actor.userId }, outbox: false };
    },
  }),

  // The command path itself moves the session's last activity; this only reports the new deadline.
  'auth.keepAlive': command<'auth.keepAlive'>({
    module: 'accounts',
    apply(ctx) {
      const actor = requireActor(ctx.actor);
      const expiresAt = new Date(ctx.now.getTime() + ctx.deps.config.session.inactivitySeconds * 1000).toISOString();
      return { output: { expiresAt }, ref: { type: 'user', id: actor.userId }, outbox: false };
    },
  }),
};
