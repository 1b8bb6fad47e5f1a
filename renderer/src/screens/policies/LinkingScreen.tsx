import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_TYPE_CODES } from '../../contract.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import type { LinkRow } from './rows.ts';
import { useUi } from '../../stores/ui.ts';
import { partnerTypeName } from '../certificates/partnerType.ts';
import { Cut, type Column } from '../../components/DataTable.tsx';
import { ListView, filterIds, listIds, pagerIds } from '../../components/ListView.tsx';
import { useList } from '../../data/useList.ts';
import { AdminBadge } from './Badge.tsx';
import { Notice } from '../../components/Notice.tsx';
import { LinkDecisionDialog, type LinkAction } from './LinkDecision.tsx';

const LINK_IDS = listIds('link-table', {
  row: 'link-row',
  pager: pagerIds('link-pager'),
  filters: filterIds('link-filters'),
});

/** `#/admin/policy-linking` (pms.md §5.4): partner requests for policies, pending first. */
export function LinkingScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const list = useList('linking.list', {
    id: 'linking',
    sortFieldName: 'status',
    sortType: 'asc',
    descFirst: ['createdDateTime'],
  });
  const [pending, setPending] = useState<{ action: LinkAction; row: LinkRow } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const act = (action: LinkAction, row: LinkRow) => (
    <button
      type="button"
      className="btn btn-quiet px-2"
      onClick={() => {
        setNotice(null);
        setPending({ action, row });
      }}
      data-testid={`link-row-${action}`}
      aria-label={t('policies.list.rowLabel', {
        action: t(`policies.linking.${action}`),
        name: `${row.partnerId} ${row.policyName}`,
      })}
    >
      {t(`policies.linking.${action}`)}
    </button>
  );

  const columns: Column<LinkRow>[] = [
    {
      id: 'partnerId',
      label: t('policies.linking.partnerId'),
      width: '10rem',
      sort: 'partnerId',
      flex: true,
      cell: (r) => (
        <>
          <Cut text={r.partnerId} ltr testId="link-row-partner" />
          <CopyButton value={r.partnerId} label={t('policies.linking.partnerId')} />
        </>
      ),
    },
    {
      id: 'partnerType',
      label: t('policies.linking.partnerType'),
      width: '8rem',
      sort: 'partnerType',
      flex: true,
      cell: (r) => <Cut text={partnerTypeName(t, r.partnerType)} />,
    },
    {
      id: 'orgName',
      label: t('policies.linking.orgName'),
      width: 'minmax(8rem,1fr)',
      sort: 'orgName',
      flex: true,
      cell: (r) => <Cut text={r.orgName} />,
    },
    {
      id: 'policyId',
      label: t('policies.linking.policyId'),
      width: '9rem',
      sort: 'policyId',
      flex: true,
      cell: (r) => (
        <>
          <Cut text={r.policyId} ltr />
          <CopyButton value={r.policyId} label={t('policies.linking.policyId')} />
        </>
      ),
    },
    {
      id: 'policyName',
      label: t('policies.linking.policyName'),
      width: 'minmax(8rem,1fr)',
      sort: 'policyName',
      flex: true,
      cell: (r) => <Cut text={r.policyName} testId="link-row-policy" />,
    },
    {
      id: 'policyGroupName',
      label: t('policies.linking.policyGroupName'),
      width: 'minmax(7rem,1fr)',
      sort: 'policyGroupName',
      flex: true,
      cell: (r) => <Cut text={r.policyGroupName} />,
    },
    {
      id: 'createdDateTime',
      label: t('policies.list.created'),
      width: '7rem',
      sort: 'createdDateTime',
      flex: true,
      cell: (r) => formatDate(r.createdDateTime, lang),
    },
    {
      id: 'status',
      label: t('policies.list.status'),
      width: '10rem',
      sort: 'status',
      flex: true,
      cell: (r) => <AdminBadge status={r.status} testId="link-row-status" />,
    },
    {
      id: 'action',
      label: t('policies.list.action'),
      width: '15rem',
      flex: true,
      cell: (r) => (
        <div className="flex flex-wrap items-center">
          <Link
            to={`/admin/policy-linking/view?id=${encodeURIComponent(r.id)}`}
            className="btn btn-quiet px-2"
            data-testid="link-row-view"
          >
            {t('policies.list.view')}
          </Link>
          {r.status === 'InProgress' ? act('approve', r) : null}
          {r.status === 'InProgress' ? act('reject', r) : null}
          {r.status === 'approved' ? act('withdraw', r) : null}
        </div>
      ),
    },
  ];

  return (
    <div className="space-y-4">
      <div>
        <h1 className="page-title">{t('policies.linking.title')}</h1>
        <p className="mt-1 text-slate-600">{t('policies.linking.description')}</p>
      </div>
      <Notice text={notice} />
      <ListView
        list={list}
        columns={columns}
        label={t('policies.linking.title')}
        rowKey={(r) => r.id}
        rowData={(r) => ({ id: r.id, partner: r.partnerId, policy: r.policyName })}
        ids={LINK_IDS}
        empty={t('policies.list.empty')}
        filters={[
          { name: 'partnerId', label: t('policies.linking.partnerId'), ltr: true },
          {
            name: 'partnerType',
            label: t('policies.linking.partnerType'),
            options: PARTNER_TYPE_CODES.map((c) => ({ value: c, label: partnerTypeName(t, c) })),
          },
          { name: 'orgName', label: t('policies.linking.orgName') },
          { name: 'policyId', label: t('policies.linking.policyId'), ltr: true },
          { name: 'policyName', label: t('policies.linking.policyName') },
          { name: 'policyGroupName', label: t('policies.linking.policyGroupName') },
          {
            name: 'status',
            label: t('policies.list.status'),
            options: (['InProgress', 'approved', 'rejected', 'deactivated'] as const).map((s) => ({
              value: s,
              label: t(`status.${s}`),
            })),
          },
        ]}
      />
      {pending ? (
        <LinkDecisionDialog
          action={pending.action}
          link={pending.row}
          onClose={() => setPending(null)}
          onDone={(message) => {
            setNotice(message);
            list.refetch();
          }}
        />
      ) : null}
    </div>
  );
}
