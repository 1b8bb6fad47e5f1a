import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/FormError.tsx';
import { perform, useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import type { ApiError } from '../../api/errors.ts';
import { useSession } from '../../stores/session.ts';
import { navigate } from '../../router/hash.ts';
import { keepWantedAcrossRedirect, takeWanted } from '../../router/wanted.ts';
import { PublicShell } from '../../components/PublicShell.tsx';

/** Where an applicant lands when they asked for no page in particular. */
const PORTAL_HOME = '/portal';

/**
 * Where the provider sends the browser back: the page itself (its assets load relative to it), with
 * the answer in the query. The hash router never reads the query, so it is free for this.
 */
export const CALLBACK_PATH = '/';

/** The page was opened by the provider's redirect (state with a code or an error in the query). */
export function isProviderAnswer(): boolean {
  const q = new URLSearchParams(window.location.search);
  return window.location.pathname === CALLBACK_PATH && q.has('state') && (q.has('code') || q.has('error'));
}

/** "Sign in with your ID" on the sign-in page, when the deployment has an identity provider. */
export function PortalSignInButton() {
  const { t } = useTranslation();
  const info = useRecord('portal.signIn.info', {});
  const begin = useCommand('portal.signIn.begin');
  if (!info.data?.enabled) return null;
  return (
    <div className="mt-6 border-t border-slate-200 pt-4" data-testid="portal-sign-in">
      <p className="text-sm text-slate-700">{t('portal.signIn.hint')}</p>
      <FormError error={begin.error} />
      <button
        type="button"
        className="btn btn-primary mt-2"
        disabled={begin.pending}
        data-testid="portal-sign-in-button"
        onClick={() =>
          void begin.run({ redirectUri: new URL(CALLBACK_PATH, window.location.origin).href }).then((r) => {
            if (!r) return;
            keepWantedAcrossRedirect(PORTAL_HOME);
            window.location.assign(r.authorizationUrl);
          })
        }
      >
        {t('portal.signIn.withId')}
      </button>
    </div>
  );
}

/** The provider's answer: finish the sign-in once, then land on the page asked for before (else the programs). */
export function PortalCallback() {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const q = new URLSearchParams(window.location.search);
    const answer = Object.fromEntries(
      ['state', 'code', 'error', 'error_description', 'iss'].filter((k) => q.has(k)).map((k) => [k, q.get(k)!]),
    );
    perform('portal.signIn.complete', { state: answer.state ?? '', ...answer })
      .then((session) => {
        // The code and state leave the address bar (and history) before the app shows the wanted page.
        window.history.replaceState(null, '', CALLBACK_PATH);
        navigate(takeWanted(PORTAL_HOME), { replace: true, force: true });
        useSession.getState().signIn(session.token, session.user);
      })
      // The answer stays in the address bar so this page stays up; a reload is refused the same way (single use).
      .catch((err: ApiError) => setError(err));
  }, []);
  return (
    <PublicShell>
      <div className="space-y-4" data-testid="portal-callback">
        {error ? (
          <>
            <h1 className="text-lg font-semibold">{t('portal.signIn.failed')}</h1>
            <FormError error={error} />
            <a className="link" href="/#/login">
              {t('portal.signIn.again')}
            </a>
          </>
        ) : (
          <p role="status">{t('portal.signIn.finishing')}</p>
        )}
      </div>
    </PublicShell>
  );
}
