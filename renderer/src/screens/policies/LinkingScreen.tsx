import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_TYPE_CODES } from '../../contract.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useEvent } from '../../hooks/useEvent.ts';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import { useLinking, type LinkRow } from '../../stores/adminLists.ts';
import { useUi } from '../../stores/ui.ts';
import { partnerTypeName } from '../certificates/partnerType.ts';
import { AdminFilters } from './AdminFilters.tsx';
import { AdminPager } from './AdminPager.tsx';
import { AdminTable, Cut, type Column } from './AdminTable.tsx';
import { AdminBadge } from './Badge.tsx';
import { Notice } from './Bits.tsx';
import { LinkDecisionDialog, type LinkAction } from './LinkDecision.tsx';

/** `#/admin/policy-linking` (pms.md §5.4): partner requests for policies, pending first. */
export function LinkingScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const load = useLinking((s) => s.load);
  const error = useLinking((s) => s.error);
  const [pending, setPending] = useState<{ action: LinkAction; row: LinkRow } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);
  useEvent('data.changed', ({ topic }) => {
    if (topic === 'policyLinking' || topic === 'partners' || topic === 'policies') void load();
  });

  const act = (action: LinkAction, row: LinkRow) => (
    <button
      type="button"
      className="btn btn-quiet px-2"
      onClick={() => {
        setNotice(null);
        setPending({ action, row });
      }}
      data-testid={`link-row-${action}`}
      aria-label={t('policies.list.rowLabel', { action: t(`policies.linking.${action}`), name: `${row.partnerId} ${row.policyName}` })}
    >
      {t(`policies.linking.${action}`)}
    </button>
  );

  const columns: Column<LinkRow>[] = [
    {
      key: 'partnerId',
      label: t('policies.linking.partnerId'),
      width: '10rem',
      sortable: true,
      render: (r) => (
        <>
          <Cut text={r.partnerId} ltr testId="link-row-partner" />
          <CopyButton value={r.partnerId} label={t('policies.linking.partnerId')} />
        </>
      ),
    },
    { key: 'partnerType', label: t('policies.linking.partnerType'), width: '8rem', sortable: true, render: (r) => <Cut text={partnerTypeName(t, r.partnerType)} /> },
    { key: 'orgName', label: t('policies.linking.orgName'), width: 'minmax(8rem,1fr)', sortable: true, render: (r) => <Cut text={r.orgName} /> },
    {
      key: 'policyId',
      label: t('policies.linking.policyId'),
      width: '9rem',
      sortable: true,
      render: (r) => (
        <>
          <Cut text={r.policyId} ltr />
          <CopyButton value={r.policyId} label={t('policies.linking.policyId')} />
        </>
      ),
    },
    { key: 'policyName', label: t('policies.linking.policyName'), width: 'minmax(8rem,1fr)', sortable: true, render: (r) => <Cut text={r.policyName} testId="link-row-policy" /> },
    { key: 'policyGroupName', label: t('policies.linking.policyGroupName'), width: 'minmax(7rem,1fr)', sortable: true, render: (r) => <Cut text={r.policyGroupName} /> },
    { key: 'createdDateTime', label: t('policies.list.created'), width: '7rem', sortable: true, render: (r) => formatDate(r.createdDateTime, lang) },
    { key: 'status', label: t('policies.list.status'), width: '10rem', sortable: true, render: (r) => <AdminBadge status={r.status} testId="link-row-status" /> },
    {
      key: 'action',
      label: t('policies.list.action'),
      width: '15rem',
      render: (r) => (
        <div className="flex flex-wrap items-center">
          <Link to={`/admin/policy-linking/view?id=${encodeURIComponent(r.id)}`} className="btn btn-quiet px-2" data-testid="link-row-view">
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
      <AdminFilters
        store={useLinking}
        testId="link-filters"
        fields={[
          { kind: 'text', name: 'partnerId', label: t('policies.linking.partnerId'), ltr: true },
          { kind: 'select', name: 'partnerType', label: t('policies.linking.partnerType'), options: PARTNER_TYPE_CODES.map((c) => ({ value: c, label: partnerTypeName(t, c) })) },
          { kind: 'text', name: 'orgName', label: t('policies.linking.orgName') },
          { kind: 'text', name: 'policyId', label: t('policies.linking.policyId'), ltr: true },
          { kind: 'text', name: 'policyName', label: t('policies.linking.policyName') },
          { kind: 'text', name: 'policyGroupName', label: t('policies.linking.policyGroupName') },
          {
            kind: 'select',
            name: 'status',
            label: t('policies.list.status'),
            options: (['InProgress', 'approved', 'rejected', 'deactivated'] as const).map((s) => ({ value: s, label: t(`status.${s}`) })),
          },
        ]}
      />
      <Notice text={notice} />
      <FormError error={error} />
      <div className="panel overflow-hidden">
        <AdminTable store={useLinking} columns={columns} label={t('policies.linking.title')} testId="link-table" rowTestId="link-row" rowKey={(r) => r.id} rowData={(r) => ({ id: r.id, partner: r.partnerId, policy: r.policyName })} />
        <AdminPager store={useLinking} testId="link-pager" />
      </div>
      {pending ? (
        <LinkDecisionDialog
          action={pending.action}
          link={pending.row}
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
