import { shell } from 'electron';
import { AppError } from '../../contract/index.ts';
import type { Input, Language, Output } from '../../contract/index.ts';
import { signInWithSystemBrowser } from '../shared/oidc/loopback.ts';
import type { CoreClient } from './core-client.ts';

type SignInMethod = 'portal.signIn.begin' | 'portal.signIn.complete';

/** A portal sign-in call through the core worker; a refusal comes back as the core's AppError. */
async function call<M extends SignInMethod>(core: CoreClient, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await core.call(method, null, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message);
  return r.result as Output<M>;
}

/**
 * The applicant's sign-in on the desktop (RFC 8252): the system browser opened with
 * `shell.openExternal` at the provider, the answer caught on a loopback port by the host-independent
 * flow in `hosts/shared/oidc/loopback.ts` (tested in Node against the real provider), the session
 * from the core. The desk's portal client must be registered with `http://127.0.0.1/callback`.
 */
export function desktopPortalSignIn(
  core: CoreClient,
  lang: Language,
  signal?: AbortSignal,
): Promise<Output<'portal.signIn.complete'>> {
  return signInWithSystemBrowser({
    begin: (redirectUri) => call(core, 'portal.signIn.begin', { redirectUri }),
    complete: (answer) => call(core, 'portal.signIn.complete', answer),
    openExternal: (url) => shell.openExternal(url, { activate: true }),
    lang,
    ...(signal ? { signal } : {}),
  });
}
