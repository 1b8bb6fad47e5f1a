import { AppError } from '../../contract/index.ts';
import { FailAfterCommit } from '../command.ts';
import { requireActor } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { command } from '../handlers.ts';
import { hashToken } from '../token-hash.ts';
import { passwordResetMail } from '../mail/templates.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts';
import { normalizeEmail } from './rules.ts';
import type { Language } from '../../contract/index.ts';

export const resetHandlers: HandlerMap<'auth.requestPasswordReset' | 'auth.resetPassword' | 'profile.changePassword'> =
  {
    'auth.requestPasswordReset': command<'auth.requestPasswordReset'>({
      module: 'accounts',
      actorName: (i) => i.email.slice(0, 254),
      apply(ctx, input) {
        const email = normalizeEmail(input.email);
        const user = ctx.db
          .prepare('SELECT id, first_name, lang_code FROM app_user WHERE email = ? AND is_active = 1')
          .get(email) as { id: string; first_name: string; lang_code: Language } | undefined;
        if (!user) return { output: { ok: true }, outbox: false };
        const time = ctx.now.toISOString();
        // Only the newest link works: earlier unused ones are spent.
        ctx.db
          .prepare('UPDATE password_reset SET used_at = ? WHERE user_id = ? AND used_at IS NULL')
          .run(time, user.id);
        const token = ctx.deps.randomBytes(32).toString('base64url');
        const ttl = ctx.deps.config.passwordReset.ttlSeconds;
        ctx.db
          .prepare('INSERT INTO password_reset (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
          .run(hashToken(token), user.id, time, new Date(ctx.now.getTime() + ttl * 1000).toISOString());
        const url = new URL(ctx.deps.publicUrl);
        url.hash = `/reset-password?token=${token}`;
        const link = url.toString();
        const mail = passwordResetMail(user.lang_code, user.first_name, link, Math.round(ttl / 60));
        ctx.afterCommit(() => ctx.deps.mailer.send({ to: email, ...mail }));
        return { output: { ok: true }, ref: { type: 'user', id: user.id }, outbox: false };
      },
    }),

    'auth.resetPassword': command<'auth.resetPassword', string>({
      module: 'accounts',
      async prepare(ctx, input) {
        const row = ctx.db
          .prepare('SELECT u.id FROM password_reset r JOIN app_user u ON u.id = r.user_id WHERE r.token_hash = ?')
          .get(hashToken(input.token)) as { id: string } | undefined;
        checkPasswordStrength(input.newPassword, row?.id, 'newPassword');
        return hashPassword(input.newPassword, ctx.deps.randomBytes(16));
      },
      apply(ctx, input, passwordHash) {
        const tokenHash = hashToken(input.token);
        const row = ctx.db
          .prepare('SELECT user_id, expires_at, used_at FROM password_reset WHERE token_hash = ?')
          .get(tokenHash) as { user_id: string; expires_at: string; used_at: string | null } | undefined;
        if (!row || row.used_at || Date.parse(row.expires_at) <= ctx.now.getTime()) {
          throw new AppError('PD_AUTH_005', 'This reset link is not valid any more. Ask for a new one.');
        }
        const time = ctx.now.toISOString();
        ctx.db.prepare('UPDATE password_reset SET used_at = ? WHERE token_hash = ?').run(time, tokenHash);
        ctx.db
          .prepare(
            'UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?',
          )
          .run(passwordHash, time, row.user_id);
        ctx.db
          .prepare('UPDATE app_session SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL')
          .run(time, row.user_id);
        return { output: { ok: true }, ref: { type: 'user', id: row.user_id }, outbox: false };
      },
    }),

    'profile.changePassword': command<'profile.changePassword', { ok: boolean; hash: string }>({
      module: 'accounts',
      async prepare(ctx, input) {
        const actor = requireActor(ctx.actor);
        const row = ctx.db.prepare('SELECT password_hash FROM app_user WHERE id = ?').get(actor.userId) as {
          password_hash: string;
        };
        const ok = await verifyPassword(input.currentPassword, row.password_hash);
        if (ok) checkPasswordStrength(input.newPassword, actor.userId, 'newPassword');
        return {
          ok,
          hash: ok ? await hashPassword(input.newPassword, ctx.deps.randomBytes(16)) : '',
        };
      },
      apply(ctx, _input, { ok, hash }) {
        const actor = requireActor(ctx.actor);
        if (!ok) {
          // A session is not a licence to guess the password: after a few wrong ones it ends, and
          // signing in again goes through the sign-in lockout.
          const max = ctx.deps.config.lockout.maxWrongCurrentPasswords;
          const wrong =
            (ctx.db
              .prepare(
                'UPDATE app_session SET wrong_passwords = wrong_passwords + 1 WHERE token_hash = ? RETURNING wrong_passwords',
              )
              .pluck()
              .get(actor.sessionHash) as number) ?? max;
          if (wrong >= max) {
            ctx.db
              .prepare('UPDATE app_session SET ended_at = ? WHERE token_hash = ?')
              .run(ctx.now.toISOString(), actor.sessionHash);
            throw new FailAfterCommit(
              new AppError(
                'PD_AUTH_003',
                'Too many wrong current passwords: your session has ended. Please sign in again.',
                undefined,
                undefined,
                { attemptsLeft: 0 },
              ),
            );
          }
          throw new FailAfterCommit(
            new AppError(
              'PD_AUTH_006',
              'The current password is not correct.',
              { currentPassword: 'PD_AUTH_006' },
              undefined,
              { attemptsLeft: max - wrong },
            ),
          );
        }
        const time = ctx.now.toISOString();
        ctx.db
          .prepare('UPDATE app_user SET password_hash = ?, updated_at = ? WHERE id = ?')
          .run(hash, time, actor.userId);
        // Other sessions of this user end; the one that changed the password stays.
        ctx.db
          .prepare('UPDATE app_session SET ended_at = ? WHERE user_id = ? AND token_hash <> ? AND ended_at IS NULL')
          .run(time, actor.userId, actor.sessionHash);
        return { output: { ok: true }, ref: { type: 'user', id: actor.userId }, outbox: false };
      },
    }),
  };
