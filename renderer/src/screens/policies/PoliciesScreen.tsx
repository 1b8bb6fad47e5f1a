import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton.tsx';
import { formatDate } from '../../lib/format.ts';
import { useRoute } from '../../router/hash.ts';
import { Link } from '../../router/Link.tsx';
import type { PolicyRow, PolicyTypeName } from './rows.ts';
import { useUi } from '../../stores/ui.ts';
import { Cut, type Column } from '../../components/DataTable.tsx';
import { ListView, filterIds, listIds, pagerIds } from '../../components/ListView.tsx';
import { useList } from '../../data/useList.ts';
import { AdminBadge } from './Badge.tsx';
import { PolicyTabs } from './Bits.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PolicyActionDialog, type PolicyAction } from './PolicyActions.tsx';

const POLICY_IDS = listIds('policy-table', {
  row: 'policy-row',
  pager: pagerIds('policy-pager'),
  filters: filterIds('policy-filters'),
});

export function policyTypeOf(value: string | null): PolicyTypeName {
  return value === 'DataShare' ? 'DataShare' : 'Auth';
}

/** `#/admin/policies?type=Auth|DataShare` (pms.md §5.4). */
export function PoliciesScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const type = policyTypeOf(useRoute().query.get('type'));
  const list = useList('policies.list', {
    id: `policies-${type}`,
    scope: { policyType: type },
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime'],
  });
  const [pending, setPending] = useState<{ action: PolicyAction; row: PolicyRow } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const act = (action: PolicyAction, row: PolicyRow, label: string) => (
    <button
      type="button"
      className="btn btn-quiet px-2"
      onClick={() => {
        setNotice(null);
        setPending({ action, row });
      }}
      data-testid={`policy-row-${action}`}
      aria-label={t('policies.list.rowLabel', { action: label, name: row.policyName })}
    >
      {label}
    </button>
  );

  const columns: Column<PolicyRow>[] = [
    {
      id: 'policyId',
      label: t('policies.policies.policyId'),
      width: '11rem',
      sort: 'policyId',
      flex: true,
      cell: (r) => (
        <>
          <Cut text={r.policyId} ltr />
          <CopyButton value={r.policyId} label={t('policies.policies.policyId')} />
        </>
      ),
    },
    {
      id: 'policyName',
      label: t('policies.policies.policyName'),
      width: 'minmax(9rem,1fr)',
      sort: 'policyName',
      flex: true,
      cell: (r) => <Cut text={r.policyName} testId="policy-row-name" />,
    },
    {
      id: 'policyDescription',
      label: t('policies.list.description'),
      width: 'minmax(9rem,1fr)',
      sort: 'policyDescription',
      flex: true,
      cell: (r) => <Cut text={r.policyDescription} />,
    },
    {
      id: 'policyGroupName',
      label: t('policies.policies.policyGroupName'),
      width: 'minmax(8rem,1fr)',
      sort: 'policyGroupName',
      flex: true,
      cell: (r) => <Cut text={r.policyGroupName} testId="policy-row-group" />,
    },
    {
      id: 'createdDateTime',
      label: t('policies.list.created'),
      width: '7.5rem',
      sort: 'createdDateTime',
      flex: true,
      cell: (r) => formatDate(r.createdDateTime, lang),
    },
    {
      id: 'status',
      label: t('policies.list.status'),
      width: '7.5rem',
      sort: 'status',
      flex: true,
      cell: (r) => <AdminBadge status={r.status} testId="policy-row-status" />,
    },
    {
      id: 'action',
      label: t('policies.list.action'),
      width: '19rem',
      flex: true,
      cell: (r) => (
        <div className="flex flex-wrap items-center">
          <Link
            to={`/admin/policies/view?id=${encodeURIComponent(r.policyId)}`}
            className="btn btn-quiet px-2"
            data-testid="policy-row-view"
            aria-label={t('policies.list.rowLabel', {
              action: t('policies.list.view'),
              name: r.policyName,
            })}
          >
            {t('policies.list.view')}
          </Link>
          {r.status === 'draft' ? (
            <Link
              to={`/admin/policies/edit?id=${encodeURIComponent(r.policyId)}`}
              className="btn btn-quiet px-2"
              data-testid="policy-row-edit"
              aria-label={t('policies.list.rowLabel', {
                action: t('policies.policies.edit'),
                name: r.policyName,
              })}
            >
              {t('policies.policies.edit')}
            </Link>
          ) : null}
          {r.status === 'draft' ? act('publish', r, t('policies.policies.publish')) : null}
          {act('clone', r, t('policies.policies.clone'))}
          {r.status === 'activated' ? act('deactivate', r, t('policies.policies.deactivate')) : null}
        </div>
      ),
    },
  ];

  return (
    <div className="space-y-4">
      <PolicyTabs current={type} />
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="page-title">{t(`policies.policies.title${type}`)}</h1>
          <p className="mt-1 text-slate-600">{t(`policies.policies.description${type}`)}</p>
        </div>
        <Link to={`/admin/policies/create?type=${type}`} className="btn btn-primary" data-testid="policy-create-link">
          {t(`policies.policies.create${type}`)}
        </Link>
      </div>
      <Notice text={notice} />
      <ListView
        key={type}
        list={list}
        columns={columns}
        label={t(`policies.policies.title${type}`)}
        rowKey={(r) => r.policyId}
        rowData={(r) => ({ id: r.policyId, name: r.policyName, type: r.policyType })}
        ids={POLICY_IDS}
        empty={t('policies.list.empty')}
        filters={[
          { name: 'policyId', label: t('policies.policies.policyId'), ltr: true },
          { name: 'policyName', label: t('policies.policies.policyName') },
          { name: 'policyGroupName', label: t('policies.policies.policyGroupName') },
          {
            name: 'status',
            label: t('policies.list.status'),
            options: (['draft', 'activated', 'deactivated'] as const).map((s) => ({
              value: s,
              label: t(`policies.statuses.${s}`),
            })),
          },
        ]}
      />
      {pending ? (
        <PolicyActionDialog
          action={pending.action}
          policy={pending.row}
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
