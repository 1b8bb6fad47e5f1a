import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import { isErrorCode } from '../../contract.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { isCurrentlyValid, type CaType } from '../../lib/certificates.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useUi } from '../../stores/ui.ts';
import type { PartnerDomain } from '../../lib/certificates.ts';
import { ProfileNote } from './ProfileNote.tsx';
import { WarningList } from './WarningList.tsx';

type Detail = Output<'trustStore.detail'>;
type ChainLink = Detail['chain'][number];

/**
 * A DN's common name (else organisation, else first value), for box titles. The chain prints DNs
 * most specific RDN last ("O=Registry, CN=Auth Root"), the details most specific first.
 */
function shortName(dn: string): string {
  const parts = [...dn.matchAll(/([A-Za-z0-9.]+)=((?:\\.|[^,+\\])*)/g)].map((m) => ({
    type: (m[1] ?? '').toUpperCase(),
    value: (m[2] ?? '').replace(/\\(.)/g, '$1').trim(),
  }));
  const pick = parts.find((p) => p.type === 'CN') ?? parts.find((p) => p.type === 'O') ?? parts[0];
  return pick?.value || dn;
}

function ArrowDown() {
  return (
    <svg viewBox="0 0 12 12" className="size-3" fill="currentColor" aria-hidden="true">
      <path d="M6 11 1 5h10z" />
    </svg>
  );
}

interface ChainPictureProps {
  chain: Detail['chain'];
  chainError: Detail['chainError'];
  /** The type of the certificate the page is about (the chain's first link). */
  caType: CaType;
  domain: PartnerDomain;
  /** The domain's trust profile the chain was built under, and the leniencies it accepted on it. */
  profile: Detail['profile'];
  warnings: readonly string[];
}

/**
 * The path the validator builds now, drawn from the root CA (trust anchor) at the top down to this
 * certificate, one box per certificate with its role and validity, joined by "issued" arrows.
 */
export function ChainPicture({ chain, chainError, caType, domain, profile, warnings }: ChainPictureProps) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const titleId = useId();
  const descriptionId = useId();
  const [now] = useState(() => Date.now());
  // The core lists this certificate first; the picture reads from the root down.
  const topDown: Array<ChainLink & { self: boolean }> = chain.map((link, i) => ({ ...link, self: i === 0 })).reverse();

  function roleLabel(link: ChainLink & { self: boolean }): string {
    if (link.role === 'anchor') return t('certificates.trustDetail.roleAnchor');
    if (link.self) return t(`certificates.caTypes.${caType}`);
    return t('certificates.trustDetail.roleIntermediate');
  }

  return (
    <section
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      className="panel p-5"
      data-testid="chain-picture"
    >
      <h2 id={titleId} className="text-base font-semibold text-slate-900">
        {t('certificates.trustDetail.chainTitle')}
      </h2>
      <p id={descriptionId} className="mt-1 text-slate-600">
        {t('certificates.trustDetail.chainDescription')}
      </p>
      <div className="mt-3 space-y-2">
        <ProfileNote domain={domain} profile={profile} testId="chain-profile" />
        <WarningList warnings={warnings} testId="chain-warnings" />
      </div>
      {chainError ? (
        <div
          role="alert"
          className="mt-3 rounded-md border border-red-200 bg-bad-bg px-3 py-2 text-sm text-bad-fg"
          data-testid="chain-error"
          data-code={chainError.code}
        >
          <p className="font-semibold">{t('certificates.trustDetail.chainError')}</p>
          <p className="mt-1">
            {t('common.errorBanner', {
              code: chainError.code,
              message: isErrorCode(chainError.code) ? t(`errors.${chainError.code}`) : chainError.message,
            })}
          </p>
          <p className="mt-1 break-words font-mono text-xs">
            <bdi dir="ltr">{chainError.message}</bdi>
          </p>
        </div>
      ) : null}
      {topDown.length > 0 ? (
        <ol className="mt-4 flex flex-col items-stretch" aria-label={t('certificates.trustDetail.chainTitle')}>
          {topDown.map((link, i) => {
            const valid = isCurrentlyValid(link.notBefore, link.notAfter, now);
            return (
              <li
                key={`${link.thumbprint}-${i}`}
                className="flex flex-col items-center"
                data-testid="chain-node"
                data-role={link.role}
                data-self={link.self}
              >
                {i > 0 ? (
                  <div aria-hidden="true" className="flex flex-col items-center py-1 text-slate-500">
                    <span className="h-3 w-0.5 bg-slate-400" />
                    <span className="text-[0.7rem] font-medium uppercase tracking-wide">
                      {t('certificates.trustDetail.issued')}
                    </span>
                    <span className="h-3 w-0.5 bg-slate-400" />
                    <ArrowDown />
                  </div>
                ) : null}
                <div
                  className={`w-full max-w-md rounded-lg border-2 p-3 ${link.self ? 'border-brand-500 bg-brand-50' : 'border-slate-300 bg-white'}`}
                >
                  <div className="flex flex-wrap items-center gap-2">
                    <span
                      className="rounded-full bg-slate-800 px-2 py-0.5 text-[0.7rem] font-semibold text-white"
                      data-testid="chain-node-role"
                    >
                      {roleLabel(link)}
                    </span>
                    {link.self ? (
                      <span className="rounded-full bg-brand-600 px-2 py-0.5 text-[0.7rem] font-semibold text-white">
                        {t('certificates.trustDetail.roleThis')}
                      </span>
                    ) : null}
                    <span className="ms-auto">
                      <StatusBadge status={valid ? 'valid' : 'expired'} />
                    </span>
                  </div>
                  <p className="mt-2 font-semibold text-slate-900" data-testid="chain-node-name">
                    <bdi>{shortName(link.subject)}</bdi>
                  </p>
                  <p className="break-words font-mono text-xs text-slate-600" title={link.subject}>
                    <bdi dir="ltr">{link.subject}</bdi>
                  </p>
                  {link.role !== 'anchor' ? (
                    <p className="mt-1 text-xs text-slate-700">
                      {t('certificates.trustDetail.issuedBy')}: <bdi>{shortName(link.issuer)}</bdi>
                    </p>
                  ) : null}
                  <p
                    className="mt-1 text-xs text-slate-700"
                    title={`${formatDateTime(link.notBefore, lang)} – ${formatDateTime(link.notAfter, lang)}`}
                  >
                    {t('certificates.trustDetail.validityRange', {
                      from: formatDate(link.notBefore, lang),
                      to: formatDate(link.notAfter, lang),
                    })}
                  </p>
                  <p className="mt-1 truncate font-mono text-[0.7rem] text-slate-500" title={link.thumbprint}>
                    <bdi dir="ltr">SHA-256 {link.thumbprint.slice(0, 24)}…</bdi>
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
