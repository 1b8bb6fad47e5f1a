import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../router/Link.tsx';
import { partnerTypeName } from '../certificates/partnerType.ts';
import type { Column } from '../../components/DataTable.tsx';
import { ListView, filterIds, listIds, pagerIds } from '../../components/ListView.tsx';
import { useList, type Row } from '../../data/useList.ts';
import { Badge, DateCell } from './parts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

type LinkRow = Row<'linking.list'>;

/** Policies (pms.md §5.3): the partner's policy requests and their state. */
export function PartnerPoliciesScreen() {
  const { t } = useTranslation();
  const list = useList('linking.list', {
    id: 'partnerPolicies',
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime'],
  });

  const columns = useMemo<Column<LinkRow>[]>(
    () => [
      {
        id: 'partnerId',
        label: t('partnerServices.cols.partnerId'),
        width: 'minmax(8rem,1fr)',
        sort: 'partnerId',
        cell: (r) => <bdi dir="ltr">{r.partnerId}</bdi>,
      },
      {
        id: 'partnerType',
        label: t('partnerServices.cols.partnerType'),
        width: '9rem',
        sort: 'partnerType',
        cell: (r) => partnerTypeName(t, r.partnerType),
      },
      {
        id: 'policyGroupName',
        label: t('partnerServices.cols.policyGroup'),
        width: 'minmax(8rem,1fr)',
        sort: 'policyGroupName',
        cell: (r) => <bdi title={r.policyGroupName}>{r.policyGroupName}</bdi>,
      },
      {
        id: 'policyId',
        label: t('partnerServices.cols.policyId'),
        width: '9rem',
        sort: 'policyId',
        cell: (r) => (
          <bdi dir="ltr" className="font-mono text-xs" title={r.policyId}>
            {r.policyId}
          </bdi>
        ),
      },
      {
        id: 'policyName',
        label: t('partnerServices.cols.policyName'),
        width: 'minmax(8rem,1fr)',
        sort: 'policyName',
        cell: (r) => <bdi data-testid="policy-row-name">{r.policyName}</bdi>,
      },
      {
        id: 'createdDateTime',
        label: t('partnerServices.cols.created'),
        width: '8rem',
        sort: 'createdDateTime',
        cell: (r) => <DateCell iso={r.createdDateTime} />,
      },
      {
        id: 'status',
        label: t('partnerServices.cols.status'),
        width: '11rem',
        sort: 'status',
        cell: (r) => <Badge status={r.status} testId="policy-row-status" />,
      },
      {
        id: 'action',
        label: t('partnerServices.cols.action'),
        width: '6rem',
        cell: (r) => (
          <Link
            to={`/partner/policies/view?id=${encodeURIComponent(r.id)}`}
            className="btn btn-quiet"
            data-testid="policy-row-view"
            aria-label={t('partnerServices.viewLabel', { name: r.policyName })}
          >
            {t('partnerServices.view')}
          </Link>
        ),
      },
    ],
    [t],
  );

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('partnerServices.policies.title')}
        description={t('partnerServices.policies.description')}
        actions={
          <Link to="/partner/policies/request" className="btn btn-primary" data-testid="request-policy-link">
            {t('partnerServices.policies.request')}
          </Link>
        }
      />
      <ListView
        list={list}
        columns={columns}
        rowKey={(r) => r.id}
        label={t('partnerServices.policies.title')}
        empty={t('partnerServices.policies.empty')}
        ids={listIds('policy-table', {
          pager: pagerIds('policy-pager'),
          filters: filterIds('policy-filters'),
        })}
        filters={[
          { name: 'partnerId', label: t('partnerServices.cols.partnerId'), ltr: true },
          { name: 'policyGroupName', label: t('partnerServices.cols.policyGroup') },
          { name: 'policyName', label: t('partnerServices.cols.policyName') },
          {
            name: 'status',
            label: t('partnerServices.cols.status'),
            options: [
              ...(['InProgress', 'approved', 'rejected', 'deactivated'] as const).map((s) => ({
                value: s,
                label: t(`status.${s}`),
              })),
            ],
          },
        ]}
      />
    </div>
  );
}

/** "Policy Submitted Successfully!" after a request (pms.md §5.3). */
export function PolicySubmittedScreen() {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section data-testid="confirmation" data-kind="policy-requested" className="mx-auto max-w-xl py-4 text-center">
      <div
        aria-hidden="true"
        className="mx-auto grid size-12 place-items-center rounded-full bg-ok-bg text-xl text-ok-fg"
      >
        ✓
      </div>
      <h1 ref={heading} tabIndex={-1} className="page-title mt-4">
        {t('partnerServices.request.doneTitle')}
      </h1>
      <p className="mt-2 text-slate-700">{t('partnerServices.request.doneDescription')}</p>
      <Link to="/partner/policies" className="btn btn-primary mt-6" data-testid="confirmation-back">
        {t('partnerServices.request.doneBack')}
      </Link>
    </section>
  );
}
