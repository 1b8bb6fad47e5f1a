import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton.tsx';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import type { PolicyGroupRow } from './rows.ts';
import { useUi } from '../../stores/ui.ts';
import { Cut, type Column } from '../../components/DataTable.tsx';
import { ListView, filterIds, listIds, pagerIds } from '../../components/ListView.tsx';
import { useList } from '../../data/useList.ts';
import { AdminBadge } from './Badge.tsx';
import { PolicyTabs } from './Bits.tsx';
import { Notice } from '../../components/Notice.tsx';
import { GroupDeactivate } from './GroupDeactivate.tsx';

const GROUP_IDS = listIds('group-table', {
  row: 'group-row',
  pager: pagerIds('group-pager'),
  filters: filterIds('group-filters'),
});

/** `#/admin/policy-groups` (pms.md §5.4): ID, Name, Description, Created, Status, Action. */
export function PolicyGroupsScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const list = useList('policyGroups.list', {
    id: 'policyGroups',
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime'],
  });
  const [target, setTarget] = useState<PolicyGroupRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const columns: Column<PolicyGroupRow>[] = [
    {
      id: 'policyGroupId',
      label: t('policies.groups.policyGroupId'),
      width: '12rem',
      sort: 'policyGroupId',
      flex: true,
      cell: (r) => (
        <>
          <Cut text={r.policyGroupId} ltr />
          <CopyButton value={r.policyGroupId} label={t('policies.groups.policyGroupId')} />
        </>
      ),
    },
    {
      id: 'name',
      label: t('policies.groups.name'),
      width: 'minmax(10rem,1fr)',
      sort: 'name',
      flex: true,
      cell: (r) => <Cut text={r.name} testId="group-row-name" />,
    },
    {
      id: 'description',
      label: t('policies.list.description'),
      width: 'minmax(10rem,1.5fr)',
      sort: 'description',
      flex: true,
      cell: (r) => <Cut text={r.description} />,
    },
    {
      id: 'createdDateTime',
      label: t('policies.list.created'),
      width: '8rem',
      sort: 'createdDateTime',
      flex: true,
      cell: (r) => formatDate(r.createdDateTime, lang),
    },
    {
      id: 'status',
      label: t('policies.list.status'),
      width: '8rem',
      sort: 'status',
      flex: true,
      cell: (r) => <AdminBadge status={r.status} testId="group-row-status" />,
    },
    {
      id: 'action',
      label: t('policies.list.action'),
      width: '12rem',
      flex: true,
      cell: (r) => (
        <div className="flex items-center gap-1">
          <Link
            to={`/admin/policy-groups/view?id=${encodeURIComponent(r.policyGroupId)}`}
            className="btn btn-quiet"
            data-testid="group-row-view"
            aria-label={t('policies.list.rowLabel', {
              action: t('policies.list.view'),
              name: r.name,
            })}
          >
            {t('policies.list.view')}
          </Link>
          {r.status === 'activated' ? (
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() => setTarget(r)}
              data-testid="group-row-deactivate"
              aria-label={t('policies.list.rowLabel', {
                action: t('policies.groups.deactivate'),
                name: r.name,
              })}
            >
              {t('policies.groups.deactivate')}
            </button>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <div className="space-y-4">
      <PolicyTabs current="groups" />
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="page-title">{t('policies.groups.title')}</h1>
          <p className="mt-1 text-slate-600">{t('policies.groups.description')}</p>
        </div>
        <Link to="/admin/policy-groups/create" className="btn btn-primary" data-testid="group-create-link">
          {t('policies.groups.create')}
        </Link>
      </div>
      <Notice text={notice} />
      <ListView
        list={list}
        columns={columns}
        label={t('policies.groups.title')}
        rowKey={(r) => r.policyGroupId}
        rowData={(r) => ({ id: r.policyGroupId, name: r.name })}
        ids={GROUP_IDS}
        empty={t('policies.list.empty')}
        filters={[
          { name: 'policyGroupId', label: t('policies.groups.policyGroupId'), ltr: true },
          { name: 'name', label: t('policies.groups.name') },
          { name: 'description', label: t('policies.list.description') },
          {
            name: 'status',
            label: t('policies.list.status'),
            options: (['activated', 'deactivated'] as const).map((s) => ({
              value: s,
              label: t(`policies.statuses.${s}`),
            })),
          },
        ]}
      />
      {target ? (
        <GroupDeactivate
          group={target}
          onClose={() => setTarget(null)}
          onDone={() => {
            setNotice(t('policies.policies.deactivated', { name: target.name }));
            list.refetch();
          }}
        />
      ) : null}
    </div>
  );
}
