import { useTranslation } from 'react-i18next';
import { PARTNER_TYPE_CODES } from '../../contract.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { Link } from '../../router/Link.tsx';
import type { PartnerRow } from './rows.ts';
import { partnerTypeName } from '../certificates/partnerType.ts';
import { Cut, type Column } from '../../components/DataTable.tsx';
import { ListView, filterIds, listIds, pagerIds } from '../../components/ListView.tsx';
import { useList } from '../../data/useList.ts';
import { AdminBadge } from './Badge.tsx';

const PARTNER_IDS = listIds('partner-table', {
  row: 'partner-row',
  pager: pagerIds('partner-pager'),
  filters: filterIds('partner-filters'),
});

/** The partner status as a shared badge: activated reads "Active" (MOSIP-42462). */
export function partnerStatus(status: PartnerRow['status']) {
  return status === 'activated' ? 'active' : status;
}

/** `#/admin/partners` (pms.md §5.4). */
export function PartnersScreen() {
  const { t } = useTranslation();
  const list = useList('partners.list', {
    id: 'partners',
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime'],
  });

  const columns: Column<PartnerRow>[] = [
    {
      id: 'partnerId',
      label: t('policies.partners.partnerId'),
      width: '11rem',
      sort: 'partnerId',
      flex: true,
      cell: (r) => (
        <>
          <Cut text={r.partnerId} ltr testId="partner-row-id" />
          <CopyButton value={r.partnerId} label={t('policies.partners.partnerId')} />
        </>
      ),
    },
    {
      id: 'partnerType',
      label: t('policies.partners.partnerType'),
      width: '9rem',
      sort: 'partnerType',
      flex: true,
      cell: (r) => <Cut text={partnerTypeName(t, r.partnerType)} />,
    },
    {
      id: 'orgName',
      label: t('policies.partners.orgName'),
      width: 'minmax(9rem,1fr)',
      sort: 'orgName',
      flex: true,
      cell: (r) => <Cut text={r.orgName} />,
    },
    {
      id: 'policyGroupName',
      label: t('policies.partners.policyGroupName'),
      width: 'minmax(8rem,1fr)',
      sort: 'policyGroupName',
      flex: true,
      cell: (r) => <Cut text={r.policyGroupName ?? t('common.none')} />,
    },
    {
      id: 'emailAddress',
      label: t('policies.partners.emailAddress'),
      width: 'minmax(10rem,1fr)',
      sort: 'emailAddress',
      flex: true,
      cell: (r) => <Cut text={r.emailAddress} ltr />,
    },
    {
      id: 'certificateUploadStatus',
      label: t('policies.partners.certificateUploadStatus'),
      width: '10rem',
      sort: 'certificateUploadStatus',
      flex: true,
      cell: (r) => <AdminBadge status={r.certificateUploadStatus} testId="partner-row-cert" />,
    },
    {
      id: 'status',
      label: t('policies.list.status'),
      width: '10rem',
      sort: 'status',
      flex: true,
      cell: (r) => <StatusBadge status={partnerStatus(r.status)} testId="partner-row-status" />,
    },
    {
      id: 'action',
      label: t('policies.list.action'),
      width: '6rem',
      flex: true,
      cell: (r) => (
        <Link
          to={`/admin/partners/view?id=${encodeURIComponent(r.partnerId)}`}
          className="btn btn-quiet px-2"
          data-testid="partner-row-view"
          aria-label={t('policies.list.rowLabel', {
            action: t('policies.list.view'),
            name: r.partnerId,
          })}
        >
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
      <ListView
        list={list}
        columns={columns}
        label={t('policies.partners.title')}
        rowKey={(r) => r.partnerId}
        rowData={(r) => ({ id: r.partnerId })}
        ids={PARTNER_IDS}
        empty={t('policies.list.empty')}
        filters={[
          { name: 'partnerId', label: t('policies.partners.partnerId'), ltr: true },
          {
            name: 'partnerType',
            label: t('policies.partners.partnerType'),
            options: PARTNER_TYPE_CODES.map((c) => ({ value: c, label: partnerTypeName(t, c) })),
          },
          { name: 'orgName', label: t('policies.partners.orgName') },
          { name: 'policyGroupName', label: t('policies.partners.policyGroupName') },
          { name: 'emailAddress', label: t('policies.partners.emailAddress'), ltr: true },
          {
            name: 'certificateUploadStatus',
            label: t('policies.partners.certificateUploadStatus'),
            options: (['uploaded', 'not_uploaded'] as const).map((s) => ({
              value: s,
              label: t(`policies.statuses.${s}`),
            })),
          },
          {
            name: 'status',
            label: t('policies.list.status'),
            options: (['InProgress', 'activated', 'deactivated', 'rejected'] as const).map((s) => ({
              value: s,
              label: t(`status.${partnerStatus(s)}`),
            })),
          },
        ]}
      />
    </div>
  );
}
