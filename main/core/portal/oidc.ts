import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import * as client from 'openid-client';
import { importJWK } from 'jose';
import type { JWK } from 'jose';
import { AppError } from '../../contract/index.ts';
import type { CoreDeps } from '../deps.ts';
import type { PortalOidcConfig } from './config.ts';

/**
 * The applicant's OpenID Connect client, on `openid-client` (certified) — no hand-written OAuth.
 * e-Signet's rules (ssp.md §B): authorization code, PKCE S256, `private_key_jwt` only, userinfo a
 * JWT whose signature is verified against the provider's JWKS (`enableNonRepudiationChecks`),
 * ID token with the nonce we sent. Token times are checked at the core's clock.
 */

export interface SignInStart {
  authorizationUrl: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

export interface SignInResult {
  subject: string;
  /** The verified userinfo claims. */
  claims: Record<string, unknown>;
  acr: string | null;
}

const servers = new WeakMap<CoreDeps, Map<string, Promise<client.ServerMetadata>>>();

function clientJwk(cfg: PortalOidcConfig, dataDir: string): JWK {
  if (cfg.clientJwk) return cfg.clientJwk as JWK;
  const file = isAbsolute(cfg.clientJwkFile!) ? cfg.clientJwkFile! : join(dataDir, cfg.clientJwkFile!);
  return JSON.parse(readFileSync(file, 'utf8')) as JWK;
}

/** The core's clock minus the system's, in seconds: openid-client checks token times at the core's time. */
function skewOf(deps: CoreDeps): number {
  return Math.round((deps.now().getTime() - Date.now()) / 1000);
}

function isInsecureLoopback(cfg: PortalOidcConfig): boolean {
  return cfg.allowInsecureLoopback && /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(cfg.issuer);
}

/** Discovery once per core and provider; a failed discovery is forgotten so the next sign-in retries. */
function serverFor(deps: CoreDeps, cfg: PortalOidcConfig): Promise<client.ServerMetadata> {
  let byIssuer = servers.get(deps);
  if (!byIssuer) servers.set(deps, (byIssuer = new Map()));
  const key = `${cfg.issuer} ${cfg.clientId}`;
  let p = byIssuer.get(key);
  if (!p) {
    p = client
      .discovery(
        new URL(cfg.issuer),
        cfg.clientId,
        undefined,
        undefined,
        isInsecureLoopback(cfg) ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      )
      .then((c) => c.serverMetadata());
    byIssuer.set(key, p);
    p.catch(() => byIssuer.delete(key));
  }
  return p;
}

/**
 * A client configuration for one sign-in: the provider's metadata, `private_key_jwt` with the
 * client's key, PS256 userinfo and ID token, signatures checked, and the core's clock (clockSkew).
 */
async function configFor(deps: CoreDeps, cfg: PortalOidcConfig): Promise<client.Configuration> {
  const server = await serverFor(deps, cfg);
  const jwk = clientJwk(cfg, deps.dataDir);
  if (typeof jwk.kid !== 'string') throw new AppError('PD_SSP_015', 'The portal client key has no "kid".');
  const key = await importJWK(jwk, jwk.alg ?? (jwk.kty === 'EC' ? 'ES256' : 'RS256'));
  if (key instanceof Uint8Array)
    throw new AppError('PD_SSP_015', 'The portal client key is not an asymmetric private key.');
  const auth = client.PrivateKeyJwt(
    { key, kid: jwk.kid },
    {
      // The assertion is read by the provider's clock (the system's); its jti comes from the core's random source.
      [client.modifyAssertion]: (_header, payload) => {
        const skew = skewOf(deps);
        for (const claim of ['iat', 'nbf', 'exp'] as const)
          if (typeof payload[claim] === 'number') payload[claim] = payload[claim] - skew;
        payload.jti = deps.randomBytes(18).toString('base64url');
      },
    },
  );
  const metadata: Partial<client.ClientMetadata> = {
    userinfo_signed_response_alg: 'PS256',
    id_token_signed_response_alg: 'PS256',
    token_endpoint_auth_method: 'private_key_jwt',
    [client.clockSkew]: skewOf(deps),
  };
  const config = new client.Configuration(server, cfg.clientId, metadata, auth);
  config.timeout = 10;
  if (isInsecureLoopback(cfg)) client.allowInsecureRequests(config);
  client.enableNonRepudiationChecks(config);
  return config;
}

function unreachable(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError(
    'PD_SSP_015',
    `The identity provider cannot be reached: ${err instanceof Error ? err.message : String(err)}`,
  );
}

export async function startSignIn(deps: CoreDeps, cfg: PortalOidcConfig, redirectUri: string): Promise<SignInStart> {
  const config = await configFor(deps, cfg).catch((err: unknown) => {
    throw unreachable(err);
  });
  const state = deps.randomBytes(24).toString('base64url');
  const nonce = deps.randomBytes(24).toString('base64url');
  const codeVerifier = deps.randomBytes(48).toString('base64url');
  const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
  const userinfo = Object.fromEntries(cfg.claims.map((c) => [c, { essential: c === cfg.idClaim }]));
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: cfg.scope,
    response_type: 'code',
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    state,
    nonce,
    acr_values: cfg.acrValues.join(' '),
    claims: JSON.stringify({ userinfo }),
    prompt: 'consent',
  });
  return { authorizationUrl: url.href, state, nonce, codeVerifier, redirectUri };
}

function codeOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : '';
}

/** A stable code for what went wrong at each step (ssp.md §B3/§B4). */
function refusal(step: 'token' | 'userinfo', err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED')
    return new AppError('PD_SSP_014', `The provider's token has expired or is not valid yet: ${message}`);
  if (err instanceof client.WWWAuthenticateChallengeError)
    return new AppError('PD_SSP_014', `The provider refused the access token: ${message}`);
  if (err instanceof client.ResponseBodyError)
    return new AppError('PD_SSP_012', `The provider refused the code exchange (${err.error}).`, undefined, {
      error: err.error,
    });
  if (err instanceof TypeError && code === '')
    return new AppError('PD_SSP_015', `The identity provider cannot be reached: ${message}`);
  if (step === 'userinfo') return new AppError('PD_SSP_013', `The userinfo answer does not verify: ${message}`);
  return new AppError('PD_SSP_011', `The ID token does not verify: ${message}`);
}

/**
 * The provider's answer: exchange the code (state and nonce checked by openid-client against what
 * `startSignIn` kept), then fetch userinfo as a signed JWT for the ID token's subject.
 */
export async function finishSignIn(
  deps: CoreDeps,
  cfg: PortalOidcConfig,
  kept: { state: string; nonce: string; codeVerifier: string; redirectUri: string },
  answer: {
    state: string;
    code?: string | undefined;
    error?: string | undefined;
    iss?: string | undefined;
  },
): Promise<SignInResult> {
  const config = await configFor(deps, cfg).catch((err: unknown) => {
    throw unreachable(err);
  });
  if (answer.error)
    throw new AppError('PD_SSP_019', `The sign-in was not completed at the provider (${answer.error}).`, undefined, {
      error: answer.error,
    });
  const callback = new URL(kept.redirectUri);
  callback.searchParams.set('state', answer.state);
  if (answer.code) callback.searchParams.set('code', answer.code);
  if (answer.iss) callback.searchParams.set('iss', answer.iss);
  let tokens;
  try {
    tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: kept.codeVerifier,
      expectedState: kept.state,
      expectedNonce: kept.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    throw refusal('token', err);
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw new AppError('PD_SSP_011', 'The provider sent no ID token.');
  let claims: Record<string, unknown>;
  try {
    claims = (await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)) as Record<string, unknown>;
  } catch (err) {
    throw refusal('userinfo', err);
  }
  return {
    subject: idClaims.sub,
    claims,
    acr: typeof idClaims.acr === 'string' ? idClaims.acr : null,
  };
}
