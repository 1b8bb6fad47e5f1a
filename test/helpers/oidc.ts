import { DEMO_IDENTITIES, generateClientKey, startDemoProvider } from '../../main/hosts/shared/oidc/demo-provider.ts';
import type { DemoIdentity, DemoProvider } from '../../main/hosts/shared/oidc/demo-provider.ts';

export const PORTAL_CLIENT_ID = 'partner-desk-portal';
export const PORTAL_REDIRECT = 'http://127.0.0.1:9/portal/callback';

export interface TestProvider {
  op: DemoProvider;
  /** The core's `portal` config for this provider. */
  portal: { oidc: Record<string, unknown> };
}

/** The e-Signet-like provider on loopback with the portal registered as its client. */
export async function testProvider(redirectUris: string[] = [PORTAL_REDIRECT]): Promise<TestProvider> {
  const key = await generateClientKey();
  const op = await startDemoProvider({
    clients: [{ clientId: PORTAL_CLIENT_ID, redirectUris, publicJwk: key.publicJwk }],
  });
  return {
    op,
    portal: {
      oidc: {
        issuer: op.issuer,
        clientId: PORTAL_CLIENT_ID,
        clientJwk: key.privateJwk,
        redirectUri: redirectUris[0],
        extraRedirectUris: redirectUris.slice(1),
        allowInsecureLoopback: true,
      },
    },
  };
}

export const AMINA = DEMO_IDENTITIES[0]!;
export const KARIM = DEMO_IDENTITIES[1]!;
export const NAMELESS = DEMO_IDENTITIES[2]!;

/**
 * What a browser does between the portal's redirect and the provider's answer: follows the
 * provider's redirects with its cookies, signs in with the ID and one-time code, and allows (or
 * denies) sharing the claims. Returns the query the provider sends back to the redirect URI.
 */
export async function browserSignIn(
  authorizationUrl: string,
  who: Pick<DemoIdentity, 'individualId' | 'otp'>,
  consent: 'allow' | 'deny' = 'allow',
): Promise<Record<string, string>> {
  return Object.fromEntries(new URL(await providerRedirect(authorizationUrl, who, consent)).searchParams);
}

/** As `browserSignIn`, but the whole address the provider sends the browser back to (for a client that follows it). */
export async function providerRedirect(
  authorizationUrl: string,
  who: Pick<DemoIdentity, 'individualId' | 'otp'>,
  consent: 'allow' | 'deny' = 'allow',
): Promise<string> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let method: 'GET' | 'POST' = 'GET';
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    method = 'GET';
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== new URL(authorizationUrl).origin) return next.href;
      url = next.href;
      continue;
    }
    const html = await res.text();
    const login = /action="(\/interaction\/[^"]+\/login)"/.exec(html);
    const confirm = /action="(\/interaction\/[^"]+\/confirm)"/.exec(html);
    if (login) {
      url = new URL(login[1]!, url).href;
      method = 'POST';
      body = new URLSearchParams({ individualId: who.individualId, otp: who.otp });
    } else if (confirm) {
      url = new URL(confirm[1]!, url).href;
      method = 'POST';
      body = new URLSearchParams({ decision: consent });
    } else throw new Error(`unexpected provider page (${res.status}): ${html.slice(0, 300)}`);
  }
  throw new Error('too many redirects at the provider');
}
