import { AppError } from '../../contract/index.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import type { CoreDeps } from '../deps.ts';
import type { WriteDb } from '../context.ts';
import { hashToken } from '../token-hash.ts';
import { sessionDeadline } from '../accounts/login.ts';
import { loadProfile } from '../accounts/profile.ts';
import { hasUsers, insertUser } from '../accounts/users.ts';
import { newUuid } from '../ids.ts';
import type { PortalOidcConfig } from './config.ts';
import { finishSignIn, startSignIn } from './oidc.ts';
import type { SignInResult, SignInStart } from './oidc.ts';
import { mapClaims, writeDemographics } from './registrants.ts';

/** A password hash no password verifies: applicants sign in only through their ID provider. */
const NO_PASSWORD = '!oidc';

function oidcConfig(deps: CoreDeps): PortalOidcConfig {
  const cfg = deps.config.portal.oidc;
  if (!cfg) throw new AppError('PD_SSP_015', 'Sign-in with an ID is not configured on this server.');
  return cfg;
}

/** `http://127.0.0.1:<port>/path` without its port; null for anything else. */
function loopbackWithoutPort(uri: string): string | null {
  const m = /^http:\/\/(127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?(\/[^?#]*)$/.exec(uri);
  return m ? `http://${m[1]}${m[3]}` : null;
}

/**
 * A registered redirect URI, exactly; or, for a loopback URI registered without a port, the same
 * with any port (RFC 8252 §7.3: the desktop host listens where the OS lets it).
 */
function redirectAllowed(cfg: PortalOidcConfig, redirectUri: string): boolean {
  const registered = [cfg.redirectUri, ...cfg.extraRedirectUris];
  if (registered.includes(redirectUri)) return true;
  const bare = loopbackWithoutPort(redirectUri);
  return bare !== null && registered.some((r) => r === bare);
}

interface LoginRow {
  state: string;
  nonce: string;
  code_verifier: string;
  redirect_uri: string;
  created_at: string;
  used_at: string | null;
}

function expiredBefore(cfg: PortalOidcConfig, now: Date): string {
  return new Date(now.getTime() - cfg.loginTtlSeconds * 1000).toISOString();
}

/**
 * The registrant is found by ID type + the mapped claim (ssp.md §A9), else created with an
 * applicant account; the consented claims become a new version of the demographic record when
 * they differ from the current one.
 */
function signInRegistrant(
  db: WriteDb,
  deps: CoreDeps,
  cfg: PortalOidcConfig,
  result: SignInResult,
  time: string,
): string {
  const idValue = result.claims[cfg.idClaim];
  if (
    (typeof idValue !== 'string' && typeof idValue !== 'number') ||
    String(idValue).length === 0 ||
    String(idValue).length > 128
  ) {
    throw new AppError('PD_SSP_016', `The provider did not release "${cfg.idClaim}".`, undefined, {
      claim: cfg.idClaim,
    });
  }
  const mapped = mapClaims(cfg, result.claims);
  const name =
    typeof result.claims.name === 'string' && result.claims.name.trim() !== ''
      ? result.claims.name.trim().slice(0, 256)
      : String(idValue);
  const found = db
    .prepare('SELECT id, user_id FROM registrant WHERE id_type = ? AND id_value = ?')
    .get(cfg.idType, String(idValue)) as { id: string; user_id: string } | undefined;
  if (found) {
    const current = db
      .prepare('SELECT data_json FROM registrant_demographic WHERE registrant_id = ? ORDER BY version DESC LIMIT 1')
      .pluck()
      .get(found.id) as string;
    const data = JSON.parse(current) as Record<string, unknown>;
    if (Object.entries(mapped).some(([k, v]) => data[k] !== v))
      writeDemographics(db, found.id, name, { ...data, ...mapped }, 'sign-in', found.user_id, time);
    return found.user_id;
  }
  const userId = `applicant-${newUuid(deps)}`;
  const [firstName, ...rest] = name.split(/\s+/);
  // A mailbox nobody reads: an applicant's account has no password to reset.
  insertUser(
    db,
    {
      id: userId,
      email: `${userId}@applicants.invalid`,
      firstName: (firstName ?? '').slice(0, 64),
      lastName: rest.join(' ').slice(0, 64),
      orgName: '',
      passwordHash: NO_PASSWORD,
      lang: 'en',
      roles: ['APPLICANT'],
    },
    time,
  );
  const registrantId = newUuid(deps);
  db.prepare('INSERT INTO registrant (id, user_id, id_type, id_value, name, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    registrantId,
    userId,
    cfg.idType,
    String(idValue),
    name,
    time,
  );
  writeDemographics(db, registrantId, name, mapped, 'sign-in', userId, time);
  return userId;
}

export const signInHandlers: HandlerMap<'portal.signIn.info' | 'portal.signIn.begin' | 'portal.signIn.complete'> = {
  'portal.signIn.info': query((ctx) => {
    const cfg = ctx.deps.config.portal.oidc;
    return {
      enabled: cfg !== undefined,
      issuer: cfg?.issuer ?? null,
      acrValues: cfg?.acrValues ?? [],
    };
  }),

  'portal.signIn.begin': command<'portal.signIn.begin', SignInStart>({
    module: 'portal',
    actorName: () => 'applicant',
    async prepare(ctx, input) {
      const cfg = oidcConfig(ctx.deps);
      if (!hasUsers(ctx.db)) throw new AppError('PD_SSP_015', 'This server is not set up yet.');
      const redirectUri = input.redirectUri ?? cfg.redirectUri;
      if (!redirectAllowed(cfg, redirectUri)) {
        throw new AppError('PD_SSP_015', 'This redirect URI is not registered for the portal.', {
          redirectUri: 'PD_SSP_015',
        });
      }
      return startSignIn(ctx.deps, cfg, redirectUri);
    },
    apply(ctx, _input, start) {
      const cfg = oidcConfig(ctx.deps);
      ctx.db.prepare('DELETE FROM oidc_login WHERE created_at < ?').run(expiredBefore(cfg, ctx.now));
      ctx.db
        .prepare(
          'INSERT INTO oidc_login (state, nonce, code_verifier, redirect_uri, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(start.state, start.nonce, start.codeVerifier, start.redirectUri, ctx.now.toISOString());
      return {
        output: { authorizationUrl: start.authorizationUrl, state: start.state },
        outbox: false,
        replay: false,
      };
    },
  }),

  'portal.signIn.complete': command<'portal.signIn.complete', SignInResult>({
    module: 'portal',
    actorName: () => 'applicant',
    async prepare(ctx, input) {
      const cfg = oidcConfig(ctx.deps);
      const row = ctx.db
        .prepare(
          'SELECT state, nonce, code_verifier, redirect_uri, created_at, used_at FROM oidc_login WHERE state = ?',
        )
        .get(input.state) as LoginRow | undefined;
      if (!row || row.used_at !== null || row.created_at < expiredBefore(cfg, ctx.now)) {
        throw new AppError('PD_SSP_010', 'This sign-in is unknown, already used or expired; start again.', {
          state: 'PD_SSP_010',
        });
      }
      return finishSignIn(
        ctx.deps,
        cfg,
        {
          state: row.state,
          nonce: row.nonce,
          codeVerifier: row.code_verifier,
          redirectUri: row.redirect_uri,
        },
        input,
      );
    },
    apply(ctx, input, result) {
      const cfg = oidcConfig(ctx.deps);
      const time = ctx.now.toISOString();
      // Single use, decided inside the transaction: two answers racing with one state get one session.
      const used = ctx.db
        .prepare('UPDATE oidc_login SET used_at = ? WHERE state = ? AND used_at IS NULL')
        .run(time, input.state);
      if (used.changes !== 1)
        throw new AppError('PD_SSP_010', 'This sign-in is unknown, already used or expired; start again.', {
          state: 'PD_SSP_010',
        });
      const userId = signInRegistrant(ctx.db, ctx.deps, cfg, result, time);
      const token = ctx.deps.randomBytes(32).toString('base64url');
      ctx.db
        .prepare('INSERT INTO app_session (token_hash, user_id, created_at, last_active_at) VALUES (?, ?, ?, ?)')
        .run(hashToken(token), userId, time, time);
      ctx.changed('applications');
      return {
        output: {
          token,
          expiresAt: sessionDeadline(ctx.deps.config.session, time, ctx.now),
          user: loadProfile(ctx.db, userId),
        },
        ref: { type: 'user' as const, id: userId },
        actor: userId,
        outbox: false,
        replay: false,
      };
    },
  }),
};
