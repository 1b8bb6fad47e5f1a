import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_TYPE_CODES } from '../../contract.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { FormError } from '../../components/FormError.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useEvent } from '../../hooks/useEvent.ts';
import { Link } from '../../router/Link.tsx';
import { usePartners, type PartnerRow } from '../../stores/adminLists.ts';
import { partnerTypeName } from '../certificates/partnerType.ts';
import { AdminFilters } from './AdminFilters.tsx';
import { AdminPager } from './AdminPager.tsx';
import { AdminTable, Cut, type Column } from './AdminTable.tsx';
import { AdminBadge } from './Badge.tsx';

/** The partner status as a shared badge: activated reads "Active" (MOSIP-42462). */
export function partnerStatus(status: PartnerRow['status']) {
  return status === 'activated' ? 'active' : status;
}

/** `#/admin/partners` (pms.md §5.4). */
export function PartnersScreen() {
  const { t } = useTranslation();
  const load = usePartners((s) => s.load);
  const error = usePartners((s) => s.error);

  useEffect(() => {
    void load();
  }, [load]);
  useEvent('data.changed', ({ topic }) => {
    if (topic === 'partners' || topic === 'policies') void load();
  });

  const columns: Column<PartnerRow>[] = [
    {
      key: 'partnerId',
      label: t('policies.partners.partnerId'),
      width: '11rem',
      sortable: true,
      render: (r) => (
        <>
          <Cut text={r.partnerId} ltr testId="partner-row-id" />
          <CopyButton value={r.partnerId} label={t('policies.partners.partnerId')} />
        </>
      ),
    },
    { key: 'partnerType', label: t('policies.partners.partnerType'), width: '9rem', sortable: true, render: (r) => <Cut text={partnerTypeName(t, r.partnerType)} /> },
    { key: 'orgName', label: t('policies.partners.orgName'), width: 'minmax(9rem,1fr)', sortable: true, render: (r) => <Cut text={r.orgName} /> },
    { key: 'policyGroupName', label: t('policies.partners.policyGroupName'), width: 'minmax(8rem,1fr)', sortable: true, render: (r) => <Cut text={r.policyGroupName ?? t('common.none')} /> },
    { key: 'emailAddress', label: t('policies.partners.emailAddress'), width: 'minmax(10rem,1fr)', sortable: true, render: (r) => <Cut text={r.emailAddress} ltr /> },
    {
      key: 'certificateUploadStatus',
      label: t('policies.partners.certificateUploadStatus'),
      width: '10rem',
      sortable: true,
      render: (r) => <AdminBadge status={r.certificateUploadStatus} testId="partner-row-cert" />,
    },
    { key: 'status', label: t('policies.list.status'), width: '10rem', sortable: true, render: (r) => <StatusBadge status={partnerStatus(r.status)} testId="partner-row-status" /> },
    {
      key: 'action',
      label: t('policies.list.action'),
      width: '6rem',
      render: (r) => (
        <Link to={`/admin/partners/view?id=${encodeURIComponent(r.partnerId)}`} className="btn btn-quiet px-2" data-testid="partner-row-view" aria-label={t('policies.list.rowLabel', { action: t('policies.list.view'), name: r.partnerId })}>
          {t('policies.list.view')}
        </Link>
      ),
    },
  ];

  return (
    <div className="space-y-4">
      <div>
        <h1 className="page-title">{t('policies.partners.title')}</h1>
        <p className="mt-1 text-slate-600">{t('policies.partners.description')}</p>
      </div>
      <AdminFilters
        store={usePartners}
        testId="partner-filters"
        fields={[
          { kind: 'text', name: 'partnerId', label: t('policies.partners.partnerId'), ltr: true },
          { kind: 'select', name: 'partnerType', label: t('policies.partners.partnerType'), options: PARTNER_TYPE_CODES.map((c) => ({ value: c, label: partnerTypeName(t, c) })) },
          { kind: 'text', name: 'orgName', label: t('policies.partners.orgName') },
          { kind: 'text', name: 'policyGroupName', label: t('policies.partners.policyGroupName') },
          { kind: 'text', name: 'emailAddress', label: t('policies.partners.emailAddress'), ltr: true },
          {
            kind: 'select',
            name: 'certificateUploadStatus',
            label: t('policies.partners.certificateUploadStatus'),
            options: (['uploaded', 'not_uploaded'] as const).map((s) => ({ value: s, label: t(`policies.statuses.${s}`) })),
          },
          {
            kind: 'select',
            name: 'status',
            label: t('policies.list.status'),
            options: (['InProgress', 'activated', 'deactivated', 'rejected'] as const).map((s) => ({ value: s, label: t(`status.${partnerStatus(s)}`) })),
          },
        ]}
      />
      <FormError error={error} />
      <div className="panel overflow-hidden">
        <AdminTable store={usePartners} columns={columns} label={t('policies.partners.title')} testId="partner-table" rowTestId="partner-row" rowKey={(r) => r.partnerId} rowData={(r) => ({ id: r.partnerId })} />
        <AdminPager store={usePartners} testId="partner-pager" />
      </div>
    </div>
  );
}
