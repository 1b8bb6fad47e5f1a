import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isPartnerDomain } from '../lib/certificates.ts';
import { useRoute } from '../router/hash.ts';
import { Link } from '../router/Link.tsx';

/** `#/done/<kind>` pages: which message to show and where the back link goes. */
const KINDS = {
  registered: { key: 'registered', back: '/login' },
  'reset-requested': { key: 'resetRequested', back: '/login' },
  'password-reset': { key: 'passwordReset', back: '/login' },
  'password-changed': { key: 'passwordChanged', back: '/profile' },
  'setup-complete': { key: 'setupComplete', back: '/login' },
  'desk-joined': { key: 'deskJoined', back: '/login' },
  'trust-uploaded': { key: 'trustUploaded', back: '/admin/trust-store' },
} as const;

type Kind = keyof typeof KINDS;

function isKind(value: string | undefined): value is Kind {
  return value !== undefined && Object.prototype.hasOwnProperty.call(KINDS, value);
}

export function ConfirmationScreen({ kind }: { kind: string | undefined }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const entry = isKind(kind) ? KINDS[kind] : { key: 'unknown' as const, back: '/dashboard' };
  // `?domain=AUTH` names the trust store a certificate went into, in the user's language.
  const domain = useRoute().query.get('domain');
  const values = { domain: isPartnerDomain(domain) ? t(`certificates.domains.${domain}`) : '' };

  // Move focus to the outcome so keyboard and screen-reader users land on it.
  useEffect(() => headingRef.current?.focus(), [kind]);

  return (
    <section data-testid="confirmation" data-kind={kind} className="mx-auto max-w-xl py-4 text-center">
      <div
        aria-hidden="true"
        className="mx-auto grid size-12 place-items-center rounded-full bg-ok-bg text-xl text-ok-fg"
      >
        ✓
      </div>
      <h1 ref={headingRef} tabIndex={-1} className="page-title mt-4">
        {t(`done.${entry.key}.title`, values)}
      </h1>
      <p className="mt-2 text-slate-700">{t(`done.${entry.key}.description`, values)}</p>
      <Link to={entry.back} className="btn btn-primary mt-6" data-testid="confirmation-back">
        {t(`done.${entry.key}.back`)}
      </Link>
    </section>
  );
}
