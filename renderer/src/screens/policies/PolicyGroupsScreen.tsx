import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useEvent } from '../../hooks/useEvent.ts';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import { usePolicyGroups, type PolicyGroupRow } from '../../stores/adminLists.ts';
import { useUi } from '../../stores/ui.ts';
import { AdminFilters } from './AdminFilters.tsx';
import { AdminPager } from './AdminPager.tsx';
import { AdminTable, Cut, type Column } from './AdminTable.tsx';
import { AdminBadge } from './Badge.tsx';
import { Notice, PolicyTabs } from './Bits.tsx';
import { GroupDeactivate } from './GroupDeactivate.tsx';

/** `#/admin/policy-groups` (pms.md §5.4): ID, Name, Description, Created, Status, Action. */
export function PolicyGroupsScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const load = usePolicyGroups((s) => s.load);
  const error = usePolicyGroups((s) => s.error);
  const [target, setTarget] = useState<PolicyGroupRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);
  useEvent('data.changed', ({ topic }) => {
    if (topic === 'policies') void load();
  });

  const columns: Column<PolicyGroupRow>[] = [
    {
      key: 'policyGroupId',
      label: t('policies.groups.policyGroupId'),
      width: '12rem',
      sortable: true,
      render: (r) => (
        <>
          <Cut text={r.policyGroupId} ltr />
          <CopyButton value={r.policyGroupId} label={t('policies.groups.policyGroupId')} />
        </>
      ),
    },
    { key: 'name', label: t('policies.groups.name'), width: 'minmax(10rem,1fr)', sortable: true, render: (r) => <Cut text={r.name} testId="group-row-name" /> },
    { key: 'description', label: t('policies.list.description'), width: 'minmax(10rem,1.5fr)', sortable: true, render: (r) => <Cut text={r.description} /> },
    { key: 'createdDateTime', label: t('policies.list.created'), width: '8rem', sortable: true, render: (r) => formatDate(r.createdDateTime, lang) },
    { key: 'status', label: t('policies.list.status'), width: '8rem', sortable: true, render: (r) => <AdminBadge status={r.status} testId="group-row-status" /> },
    {
      key: 'action',
      label: t('policies.list.action'),
      width: '12rem',
      render: (r) => (
        <div className="flex items-center gap-1">
          <Link to={`/admin/policy-groups/view?id=${encodeURIComponent(r.policyGroupId)}`} className="btn btn-quiet" data-testid="group-row-view" aria-label={t('policies.list.rowLabel', { action: t('policies.list.view'), name: r.name })}>
            {t('policies.list.view')}
          </Link>
          {r.status === 'activated' ? (
            <button type="button" className="btn btn-quiet" onClick={() => setTarget(r)} data-testid="group-row-deactivate" aria-label={t('policies.list.rowLabel', { action: t('policies.groups.deactivate'), name: r.name })}>
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
      <AdminFilters
        store={usePolicyGroups}
        testId="group-filters"
        fields={[
          { kind: 'text', name: 'policyGroupId', label: t('policies.groups.policyGroupId'), ltr: true },
          { kind: 'text', name: 'name', label: t('policies.groups.name') },
          { kind: 'text', name: 'description', label: t('policies.list.description') },
          { kind: 'select', name: 'status', label: t('policies.list.status'), options: (['activated', 'deactivated'] as const).map((s) => ({ value: s, label: t(`policies.statuses.${s}`) })) },
        ]}
      />
      <Notice text={notice} />
      <FormError error={error} />
      <div className="panel overflow-hidden">
        <AdminTable store={usePolicyGroups} columns={columns} label={t('policies.groups.title')} testId="group-table" rowTestId="group-row" rowKey={(r) => r.policyGroupId} rowData={(r) => ({ id: r.policyGroupId, name: r.name })} />
        <AdminPager store={usePolicyGroups} testId="group-pager" />
      </div>
      {target ? (
        <GroupDeactivate
          group={target}
          onClose={() => setTarget(null)}
          onDone={() => {
            setNotice(t('policies.policies.deactivated', { name: target.name }));
            void load();
          }}
        />
      ) : null}
    </div>
  );
}
