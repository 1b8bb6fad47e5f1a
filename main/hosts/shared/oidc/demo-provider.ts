import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import Provider from 'oidc-provider';

/**
 * A real OpenID Provider (`oidc-provider`) configured like e-Signet (ssp.md §B): authorization
 * code only, PKCE required (S256), `private_key_jwt` the only client authentication, client
 * assertion `jti` single use, pairwise `sub`, userinfo always a PS256-signed JWT, e-Signet's claim
 * names (`name`, `individual_id`, …) and ACR values, and a consent screen over the claims asked
 * for. Its users are demo identities who sign in with their ID number and a one-time code.
 *
 * For tests it can misbehave on purpose (`tamper`): re-sign userinfo with a key not in its JWKS,
 * or replay the first client assertion it saw at the token endpoint.
 */

export interface DemoIdentity {
  individualId: string;
  /** The one-time code this identity signs in with (e-Signet's generated-code ACR). */
  otp: string;
  name: string;
  email?: string;
  phone_number?: string;
  birthdate?: string;
  gender?: string;
}

export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  {
    individualId: '5012345674',
    otp: '111111',
    name: 'Amina Diallo',
    email: 'amina.diallo@example.org',
    phone_number: '+221771234567',
    birthdate: '1990-04-12',
    gender: 'female',
  },
  {
    individualId: '5087654328',
    otp: '222222',
    name: 'Karim Benali',
    email: 'karim.benali@example.org',
    phone_number: '+212612345678',
    birthdate: '1985-11-03',
    gender: 'male',
  },
  // Releases no ID number: the portal cannot find or register this person (PD_SSP_016).
  { individualId: '', otp: '333333', name: 'Nameless Person' },
];

/** e-Signet's ACR values (ssp.md §B5). */
export const DEMO_ACR_VALUES = [
  'mosip:idp:acr:generated-code',
  'mosip:idp:acr:biometrics',
  'mosip:idp:acr:linked-wallet',
  'mosip:idp:acr:static-code',
] as const;

export interface DemoClient {
  clientId: string;
  redirectUris: string[];
  /** The client's public signing key (its private half signs the client assertions). */
  publicJwk: JWK;
  /** `native`: a desktop app whose loopback redirect URIs match on any port (RFC 8252 §7.3). */
  applicationType?: 'web' | 'native';
}

export type Tamper = 'none' | 'resignUserinfo' | 'replayAssertion';

export interface DemoProvider {
  issuer: string;
  /** Set to make the provider misbehave (tests of the portal's checks). */
  tamper: Tamper;
  close(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label,input,button{display:block;margin-block:.5rem}input{padding:.4rem;inline-size:100%}button{padding:.5rem 1rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:",
  });
  res.end(html);
}

/** Starts the provider on 127.0.0.1 (`port` 0: any free port) with the given clients. */
export async function startDemoProvider(options: {
  clients: DemoClient[];
  port?: number;
  identities?: readonly DemoIdentity[];
}): Promise<DemoProvider> {
  const identities = options.identities ?? DEMO_IDENTITIES;
  const byAccount = new Map(
    identities.map((i) => [
      `acct-${createHash('sha256')
        .update(i.otp + i.name)
        .digest('hex')
        .slice(0, 16)}`,
      i,
    ]),
  );
  const { privateKey } = await generateKeyPair('PS256', { extractable: true });
  const signing = { ...(await exportJWK(privateKey)), kid: 'demo-op-1', alg: 'PS256', use: 'sig' };
  const rogue = (await generateKeyPair('PS256', { extractable: true })).privateKey;

  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const salt = randomBytes(16).toString('hex');

  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      application_type: c.applicationType ?? 'web',
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [c.publicJwk] },
      id_token_signed_response_alg: 'PS256',
      userinfo_signed_response_alg: 'PS256',
      subject_type: 'pairwise',
    })),
    clientAuthMethods: ['private_key_jwt'],
    pkce: { required: () => true },
    responseTypes: ['code'],
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: (_ctx: unknown, accountId: string, client: { sectorIdentifier: string }) =>
      createHash('sha256').update(`${client.sectorIdentifier}|${accountId}|${salt}`).digest('hex'),
    acrValues: [...DEMO_ACR_VALUES],
    claims: {
      openid: ['sub'],
      profile: ['name', 'birthdate', 'gender', 'email', 'phone_number'],
      email: ['email'],
      phone: ['phone_number'],
      individual_id: null,
    },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      jwtUserinfo: { enabled: true },
      userinfo: { enabled: true },
    },
    jwks: { keys: [signing] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    findAccount: (_ctx: unknown, accountId: string) => {
      const who = byAccount.get(accountId);
      if (!who) return undefined;
      return {
        accountId,
        claims: async () => ({
          sub: accountId,
          name: who.name,
          ...(who.individualId ? { individual_id: who.individualId } : {}),
          ...(who.email ? { email: who.email } : {}),
          ...(who.phone_number ? { phone_number: who.phone_number } : {}),
          ...(who.birthdate ? { birthdate: who.birthdate } : {}),
          ...(who.gender ? { gender: who.gender } : {}),
        }),
      };
    },
  });

  const state: DemoProvider & { firstAssertion: string | null } = {
    issuer,
    tamper: 'none',
    firstAssertion: null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  // Tamper: a userinfo JWT signed by a key the provider never published (same kid).
  provider.use(async (ctx, next) => {
    await next();
    if (
      state.tamper === 'resignUserinfo' &&
      ctx.path === '/me' &&
      typeof ctx.body === 'string' &&
      ctx.type === 'application/jwt'
    ) {
      const claims = decodeJwt(ctx.body);
      ctx.body = await new SignJWT(claims)
        .setProtectedHeader(decodeProtectedHeader(ctx.body) as { alg: string; kid: string })
        .sign(rogue);
    }
  });

  const callback = provider.callback();

  async function interaction(
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
    action: string | undefined,
  ): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return send(res, 400, page('Sign-in', '<p>This sign-in has expired.</p>'));
    if (req.method === 'POST' && action === 'login') {
      const form = await formBody(req);
      const who = [...byAccount.entries()].find(
        ([, i]) => i.individualId === (form.get('individualId') ?? '').trim() && i.otp === form.get('otp'),
      );
      if (!who) return send(res, 200, loginPage(uid, 'The ID or the one-time code is wrong.'));
      const requested = (details.params.acr_values ?? '')
        .split(' ')
        .filter((a) => (DEMO_ACR_VALUES as readonly string[]).includes(a));
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: who[0], acr: requested[0] ?? DEMO_ACR_VALUES[0], amr: ['otp'] } },
        { mergeWithLastSubmission: false },
      );
    }
    if (req.method === 'POST' && action === 'confirm') {
      const form = await formBody(req);
      if (form.get('decision') !== 'allow') {
        return provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'The user did not consent.' },
          { mergeWithLastSubmission: false },
        );
      }
      const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details;
      const grant = details.grantId ? ((await provider.Grant.find(details.grantId)) ?? null) : null;
      const g =
        grant ??
        new provider.Grant({
          accountId: details.session!.accountId,
          clientId: details.params.client_id,
        });
      if (missingOIDCScope) g.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims) g.addOIDCClaims(missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {}))
        g.addResourceScope(indicator, scopes.join(' '));
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId: await g.save() } },
        { mergeWithLastSubmission: true },
      );
    }
    if (details.prompt.name === 'login') return send(res, 200, loginPage(uid));
    const claims = [...(details.prompt.details.missingOIDCClaims ?? [])].filter((c) => c !== 'sub');
    return send(
      res,
      200,
      page(
        'Share your information',
        `<p>The self-service portal asks for:</p><ul id="claims">${claims.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>
<form method="post" action="/interaction/${uid}/confirm"><button name="decision" value="allow">Allow</button><button name="decision" value="deny">Deny</button></form>`,
      ),
    );
  }

  function loginPage(uid: string, error?: string): string {
    return page(
      'Sign in with your ID',
      `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}<form method="post" action="/interaction/${uid}/login" autocomplete="off">
<label for="individualId">ID number</label><input id="individualId" name="individualId" inputmode="numeric">
<label for="otp">One-time code</label><input id="otp" name="otp" inputmode="numeric">
<button type="submit">Sign in</button></form>`,
    );
  }

  handler = (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const m = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|confirm))?$/.exec(url.pathname);
    if (m) {
      interaction(req, res, m[1]!, m[2]).catch(() =>
        send(res, 400, page('Sign-in', '<p>This sign-in cannot continue; start again from the portal.</p>')),
      );
      return;
    }
    if (state.tamper === 'replayAssertion' && req.method === 'POST' && url.pathname === '/token') {
      // Tamper: the client assertion of an earlier token request, sent again.
      formBody(req)
        .then((body) => {
          const assertion = body.get('client_assertion');
          if (state.firstAssertion === null) state.firstAssertion = assertion;
          else body.set('client_assertion', state.firstAssertion);
          (req as IncomingMessage & { body?: Record<string, string> }).body = Object.fromEntries(body);
          callback(req, res);
        })
        .catch(() => res.writeHead(400).end());
      return;
    }
    callback(req, res);
  };

  return state;
}

/** A client key pair for the portal (ES256, as e-Signet accepts), private JWK with kid. */
export async function generateClientKey(kid = 'portal-client-1'): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
}
