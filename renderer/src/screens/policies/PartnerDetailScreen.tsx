import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { CopyableId } from '../../components/CopyButton.tsx';
import { FormError } from '../../components/FormError.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { navigate, useRoute } from '../../router/hash.ts';
import { useUi } from '../../stores/ui.ts';
import { PartnerCertificateCardView } from '../certificates/PartnerCertificateCardView.tsx';
import { partnerTypeName } from '../certificates/partnerType.ts';
import { BackLink } from './Bits.tsx';
import { Facts } from '../../components/Facts.tsx';
import { Notice } from '../../components/Notice.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { InfoDialog } from './Dialogs.tsx';
import { partnerStatus } from './PartnersScreen.tsx';

/** `#/admin/partners/view?id=`: the partner, its group, its certificate; Deactivate / Activate. */
export function PartnerDetailScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const id = useRoute().query.get('id') ?? '';
  const record = useRecord('partners.get', id ? { partnerId: id } : null);
  const certificates = useRecord('partnerCertificate.list', id ? { partnerId: id } : null);
  const activate = useCommand('partners.activate');
  const deactivate = useCommand('partners.deactivate');
  const reject = useCommand('partners.reject');
  const detail = record.data;
  const error = record.error ?? certificates.error;
  const cards = certificates.data?.cards.filter((c) => c.partnerId === id) ?? [];
  const [dialog, setDialog] = useState<'deactivate' | 'activate' | 'reject' | 'noCertificate' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const back = <BackLink to="/admin/partners" label={t('policies.partners.title')} />;
  if (!detail) {
    return (
      <div className="space-y-4">
        {back}
        {error ? <FormError error={error} /> : <p role="status">{t('app.loading')}</p>}
      </div>
    );
  }
  const values = { partner: detail.partnerId, org: detail.orgName };
  // A registration is approved by the partner's certificate upload, never by Activate: Activate is for a
  // deactivated partner; a pending one can be rejected, and says why it cannot be activated yet.
  const approved = detail.approvalStatus === 'approved';
  const pending = detail.approvalStatus === 'InProgress';
  const activateBlocked = pending
    ? t('policies.partners.cannotActivate', values)
    : detail.approvalStatus === 'rejected'
      ? t('policies.partners.rejectedHint')
      : null;

  return (
    <div className="space-y-4" data-testid="partner-detail" data-status={detail.status}>
      {back}
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="page-title flex flex-wrap items-center gap-2">
            {t('policies.partners.detailTitle')}
            <StatusBadge status={partnerStatus(detail.status)} testId="partner-status" />
          </h1>
          <p className="mt-1 text-lg text-slate-800">
            <bdi>{detail.orgName}</bdi>
          </p>
        </div>
        {approved && detail.isActive ? (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => setDialog('deactivate')}
            data-testid="partner-deactivate"
          >
            {t('policies.partners.deactivate')}
          </button>
        ) : null}
        {pending ? (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => setDialog('reject')}
            data-testid="partner-reject"
          >
            {t('policies.partners.reject')}
          </button>
        ) : null}
        {!detail.isActive ? (
          <button
            type="button"
            className="btn btn-primary"
            aria-disabled={activateBlocked !== null}
            aria-describedby={activateBlocked ? 'partner-activate-blocked' : undefined}
            onClick={() => {
              if (!activateBlocked) setDialog('activate');
            }}
            data-testid="partner-activate"
          >
            {t('policies.partners.activate')}
          </button>
        ) : null}
      </div>
      {activateBlocked ? (
        <p id="partner-activate-blocked" className="text-sm text-slate-700" data-testid="partner-activate-blocked">
          {activateBlocked}
        </p>
      ) : null}
      <Notice text={notice} />
      <FormError error={error} />
      <section className="panel p-5">
        <Facts
          wide
          items={[
            {
              label: t('policies.partners.partnerId'),
              value: (
                <CopyableId value={detail.partnerId} label={t('policies.partners.partnerId')} testId="partner-id" />
              ),
              testId: 'fact-partner-id',
            },
            {
              label: t('policies.partners.partnerType'),
              value: partnerTypeName(t, detail.partnerType),
              testId: 'fact-type',
            },
            {
              label: t('policies.partners.firstName'),
              value: <bdi>{detail.firstName}</bdi>,
              testId: 'fact-first-name',
            },
            {
              label: t('policies.partners.lastName'),
              value: <bdi>{detail.lastName}</bdi>,
              testId: 'fact-last-name',
            },
            {
              label: t('policies.partners.orgName'),
              value: <bdi>{detail.orgName}</bdi>,
              testId: 'fact-org',
            },
            {
              label: t('policies.partners.emailAddress'),
              value: <span dir="ltr">{detail.emailAddress}</span>,
              testId: 'fact-email',
            },
            {
              label: t('policies.partners.contactNumber'),
              value: <span dir="ltr">{detail.contactNumber}</span>,
              testId: 'fact-contact',
            },
            {
              label: t('policies.partners.address'),
              value: <bdi>{detail.address}</bdi>,
              testId: 'fact-address',
            },
            {
              label: t('policies.partners.createdDateTime'),
              value: formatDateTime(detail.createdDateTime, lang),
              testId: 'fact-created',
            },
            {
              label: t('policies.partners.policyGroupName'),
              value: <bdi>{detail.policyGroupName ?? t('policies.partners.noGroup')}</bdi>,
              testId: 'fact-group',
            },
            {
              label: t('policies.partners.policyGroupDescription'),
              value: <bdi>{detail.policyGroupDescription ?? t('common.none')}</bdi>,
              testId: 'fact-group-description',
            },
          ]}
        />
      </section>
      <section aria-labelledby="partner-certificate">
        <h2 id="partner-certificate" className="mb-2 text-base font-semibold text-slate-900">
          {t('policies.partners.certificate')}
        </h2>
        {cards.length ? (
          <ul className="space-y-3">
            {cards.map((card) => (
              <PartnerCertificateCardView
                key={card.partnerId}
                card={card}
                isAdmin
                onUpload={() => navigate(`/partner/certificates?partnerId=${encodeURIComponent(card.partnerId)}`)}
              />
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">{t('policies.partners.noCertificate')}</p>
        )}
      </section>
      {dialog === 'deactivate' ? (
        <ConfirmDialog
          title={t('policies.partners.deactivateTitle')}
          body={
            <>
              <p data-testid="partner-deactivate-names">{t('policies.partners.deactivateBody', values)}</p>
              <p className="text-sm">
                {t('policies.partners.deactivateCounts', {
                  approved: detail.counts.approvedPolicies,
                  keys: detail.counts.activeApiKeys,
                  clients: detail.counts.activeOidcClients,
                  pending: detail.counts.pendingRequests,
                })}
              </p>
            </>
          }
          confirmLabel={t('policies.partners.deactivate')}
          testId="partner-deactivate-dialog"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await deactivate.call({ partnerId: detail.partnerId });
            setNotice(t('policies.partners.deactivated', values));
          }}
        />
      ) : null}
      {dialog === 'reject' ? (
        <ConfirmDialog
          title={t('policies.partners.rejectTitle')}
          body={<p data-testid="partner-reject-names">{t('policies.partners.rejectBody', values)}</p>}
          confirmLabel={t('policies.partners.reject')}
          testId="partner-reject-dialog"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await reject.call({ partnerId: detail.partnerId });
            setNotice(t('policies.partners.rejected', values));
          }}
        />
      ) : null}
      {dialog === 'activate' ? (
        <ConfirmDialog
          title={t('policies.partners.activateTitle')}
          body={<p>{t('policies.partners.activateBody', values)}</p>}
          confirmLabel={t('policies.partners.activate')}
          testId="partner-activate-dialog"
          onClose={() => setDialog((d) => (d === 'activate' ? null : d))}
          onError={(e) => {
            if (e.code !== 'PMS_PRT_108') return false;
            setDialog('noCertificate');
            return false;
          }}
          onConfirm={async () => {
            await activate.call({ partnerId: detail.partnerId });
            setNotice(t('policies.partners.activated', values));
          }}
        />
      ) : null}
      {dialog === 'noCertificate' ? (
        <InfoDialog
          title={t('errors.PMS_PRT_108')}
          body={<p>{t('policies.partners.cannotActivate', values)}</p>}
          code="PMS_PRT_108"
          testId="partner-no-certificate"
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}
