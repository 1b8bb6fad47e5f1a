import type { Core } from '../../../core/index.ts';
import { PortalOidcSchema } from '../../../core/portal/config.ts';
import { DEMO_IDENTITIES, generateClientKey, startDemoProvider } from './demo-provider.ts';
import type { DemoProvider } from './demo-provider.ts';

/**
 * Demo mode's identity provider: the e-Signet-like provider on loopback, with the portal as its
 * client (a fresh key pair per start) redirecting to this host's page (the UI reads the answer from the query), so a newcomer
 * can sign in as an applicant with a demo ID and one-time code. The core's portal config is set
 * only when the data directory's config.json does not name a provider of its own.
 */
export async function startDemoSignIn(core: Core, origin: string): Promise<DemoProvider | null> {
  if (core.deps.config.portal.oidc) return null;
  const key = await generateClientKey();
  const redirectUri = new URL('/', origin).href;
  const op = await startDemoProvider({
    clients: [{ clientId: 'partner-desk-portal', redirectUris: [redirectUri], publicJwk: key.publicJwk }],
  });
  core.deps.config.portal.oidc = PortalOidcSchema.parse({
    issuer: op.issuer,
    clientId: 'partner-desk-portal',
    clientJwk: key.privateJwk,
    redirectUri,
    allowInsecureLoopback: true,
  });
  return op;
}

/** What the terminal prints for a newcomer: who can sign in as an applicant. */
export function demoIdentitiesText(): string {
  return DEMO_IDENTITIES.filter((i) => i.individualId)
    .map((i) => `${i.name}: ID ${i.individualId}, one-time code ${i.otp}`)
    .join('; ');
}
