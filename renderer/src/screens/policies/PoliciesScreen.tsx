import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useEvent } from '../../hooks/useEvent.ts';
import { formatDate } from '../../lib/format.ts';
import { useRoute } from '../../router/hash.ts';
import { Link } from '../../router/Link.tsx';
import { usePolicies, type PolicyRow, type PolicyTypeName } from '../../stores/adminLists.ts';
import { useUi } from '../../stores/ui.ts';
import { AdminFilters } from './AdminFilters.tsx';
import { AdminPager } from './AdminPager.tsx';
import { AdminTable, Cut, type Column } from './AdminTable.tsx';
import { AdminBadge } from './Badge.tsx';
import { Notice, PolicyTabs } from './Bits.tsx';
import { PolicyActionDialog, type PolicyAction } from './PolicyActions.tsx';

export function policyTypeOf(value: string | null): PolicyTypeName {
  return value === 'DataShare' ? 'DataShare' : 'Auth';
}

/** `#/admin/policies?type=Auth|DataShare` (pms.md §5.4). */
export function PoliciesScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const type = policyTypeOf(useRoute().query.get('type'));
  const scope = usePolicies((s) => s.scope);
  const setScope = usePolicies((s) => s.setScope);
  const load = usePolicies((s) => s.load);
  const error = usePolicies((s) => s.error);
  const [pending, setPending] = useState<{ action: PolicyAction; row: PolicyRow } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (type !== usePolicies.getState().scope) setScope(type);
    else void load();
  }, [type, setScope, load]);
  useEvent('data.changed', ({ topic }) => {
    if (topic === 'policies' || topic === 'policyLinking') void load();
  });

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
      key: 'policyId',
      label: t('policies.policies.policyId'),
      width: '11rem',
      sortable: true,
      render: (r) => (
        <>
          <Cut text={r.policyId} ltr />
          <CopyButton value={r.policyId} label={t('policies.policies.policyId')} />
        </>
      ),
    },
    { key: 'policyName', label: t('policies.policies.policyName'), width: 'minmax(9rem,1fr)', sortable: true, render: (r) => <Cut text={r.policyName} testId="policy-row-name" /> },
    { key: 'policyDescription', label: t('policies.list.description'), width: 'minmax(9rem,1fr)', sortable: true, render: (r) => <Cut text={r.policyDescription} /> },
    { key: 'policyGroupName', label: t('policies.policies.policyGroupName'), width: 'minmax(8rem,1fr)', sortable: true, render: (r) => <Cut text={r.policyGroupName} testId="policy-row-group" /> },
    { key: 'createdDateTime', label: t('policies.list.created'), width: '7.5rem', sortable: true, render: (r) => formatDate(r.createdDateTime, lang) },
    { key: 'status', label: t('policies.list.status'), width: '7.5rem', sortable: true, render: (r) => <AdminBadge status={r.status} testId="policy-row-status" /> },
    {
      key: 'action',
      label: t('policies.list.action'),
      width: '19rem',
      render: (r) => (
        <div className="flex flex-wrap items-center">
          <Link to={`/admin/policies/view?id=${encodeURIComponent(r.policyId)}`} className="btn btn-quiet px-2" data-testid="policy-row-view" aria-label={t('policies.list.rowLabel', { action: t('policies.list.view'), name: r.policyName })}>
            {t('policies.list.view')}
          </Link>
          {r.status === 'draft' ? (
            <Link to={`/admin/policies/edit?id=${encodeURIComponent(r.policyId)}`} className="btn btn-quiet px-2" data-testid="policy-row-edit" aria-label={t('policies.list.rowLabel', { action: t('policies.policies.edit'), name: r.policyName })}>
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
      <AdminFilters
        key={scope}
        store={usePolicies}
        testId="policy-filters"
        fields={[
          { kind: 'text', name: 'policyId', label: t('policies.policies.policyId'), ltr: true },
          { kind: 'text', name: 'policyName', label: t('policies.policies.policyName') },
          { kind: 'text', name: 'policyGroupName', label: t('policies.policies.policyGroupName') },
          { kind: 'select', name: 'status', label: t('policies.list.status'), options: (['draft', 'activated', 'deactivated'] as const).map((s) => ({ value: s, label: t(`policies.statuses.${s}`) })) },
        ]}
      />
      <Notice text={notice} />
      <FormError error={error} />
      <div className="panel overflow-hidden">
        <AdminTable
          store={usePolicies}
          columns={columns}
          label={t(`policies.policies.title${type}`)}
          testId="policy-table"
          rowTestId="policy-row"
          rowKey={(r) => r.policyId}
          rowData={(r) => ({ id: r.policyId, name: r.policyName, type: r.policyType })}
        />
        <AdminPager store={usePolicies} testId="policy-pager" />
      </div>
      {pending ? (
        <PolicyActionDialog
          action={pending.action}
          policy={pending.row}
          onClose={() => setPending(null)}
          onDone={(message) => {
            setNotice(message);
            void load();
          }}
        />
      ) : null}
    </div>
  );
}
