import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Link } from '../../router/Link.tsx';
import type { Column } from '../../components/DataTable.tsx';
import { ListView, filterIds, listIds, pagerIds } from '../../components/ListView.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { useList, type Row } from '../../data/useList.ts';
import {
  AuthServiceTabs,
  Badge,
  DateCell,
  KeyExpiry,
  InactivePartnerNote,
  UnusableMark,
  keyStatus,
  useInactivePartners,
} from './parts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

type ApiKeyRow = Row<'apiKeys.list'>;

/** Deactivate an API key after a confirmation naming it; the key stops working at once. */
export function useDeactivateKey(onDone: () => void = () => undefined) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<{ id: string; label: string } | null>(null);
  const deactivate = useCommand('apiKeys.deactivate');
  const dialog = target ? (
    <ConfirmDialog
      danger
      title={t('partnerServices.apiKeys.deactivateTitle')}
      body={t('partnerServices.apiKeys.deactivateText', { name: target.label })}
      confirmLabel={t('partnerServices.deactivate')}
      testId="deactivate-dialog"
      onClose={() => setTarget(null)}
      onConfirm={async () => {
        await deactivate.call({ id: target.id });
        onDone();
      }}
    />
  ) : null;
  return {
    ask: (row: { id: string; apiKeyLabel: string }) => setTarget({ id: row.id, label: row.apiKeyLabel }),
    dialog,
  };
}

/** API key columns as MOSIP (pms.md §5.3/§5.4); admins also see the organisation. */
/** Rows carry `usable` from the core, so a key or client stopped by its partner, link or policy is marked. */
export function ApiKeyList({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const list = useList('apiKeys.list', {
    id: admin ? 'adminApiKeys' : 'partnerApiKeys',
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime', 'apiKeyExpiryDateTime'],
  });
  const { ask, dialog } = useDeactivateKey();
  const viewBase = admin ? '/admin/auth-services/api-key' : '/partner/api-keys/view';

  const columns = useMemo<Column<ApiKeyRow>[]>(() => {
    const cols: Column<ApiKeyRow>[] = [
      {
        id: 'partnerId',
        label: t('partnerServices.cols.partnerId'),
        width: 'minmax(8rem,1fr)',
        sort: 'partnerId',
        cell: (r) => <bdi dir="ltr">{r.partnerId}</bdi>,
      },
    ];
    if (admin)
      cols.push({
        id: 'orgName',
        label: t('partnerServices.cols.orgName'),
        width: 'minmax(8rem,1fr)',
        sort: 'orgName',
        cell: (r) => <bdi title={r.orgName}>{r.orgName}</bdi>,
      });
    cols.push(
      {
        id: 'policyGroupName',
        label: t('partnerServices.cols.policyGroup'),
        width: 'minmax(7rem,1fr)',
        sort: 'policyGroupName',
        cell: (r) => <bdi>{r.policyGroupName}</bdi>,
      },
      {
        id: 'policyName',
        label: t('partnerServices.cols.policyName'),
        width: 'minmax(7rem,1fr)',
        sort: 'policyName',
        cell: (r) => <bdi>{r.policyName}</bdi>,
      },
      {
        id: 'apiKeyLabel',
        label: t('partnerServices.cols.apiKeyName'),
        width: 'minmax(8rem,1fr)',
        sort: 'apiKeyLabel',
        cell: (r) => <bdi data-testid="key-row-label">{r.apiKeyLabel}</bdi>,
      },
      {
        id: 'createdDateTime',
        label: t('partnerServices.cols.created'),
        width: '7.5rem',
        sort: 'createdDateTime',
        cell: (r) => <DateCell iso={r.createdDateTime} />,
      },
      {
        id: 'apiKeyExpiryDateTime',
        label: t('partnerServices.cols.expiry'),
        width: '9rem',
        sort: 'apiKeyExpiryDateTime',
        cell: (r) => <KeyExpiry expiry={r.apiKeyExpiryDateTime} created={r.createdDateTime} testId="key-row-expiry" />,
      },
      {
        id: 'status',
        label: t('partnerServices.cols.status'),
        width: '8rem',
        sort: 'status',
        cell: (r) => (
          <span className="inline-flex items-center gap-1">
            <Badge status={keyStatus(r)} testId="key-row-status" />
            {r.status === 'activated' && r.usable !== 'ok' ? <UnusableMark /> : null}
          </span>
        ),
      },
      {
        id: 'action',
        label: t('partnerServices.cols.action'),
        width: '11rem',
        cell: (r) => (
          <span className="flex items-center">
            <Link
              to={`${viewBase}?id=${encodeURIComponent(r.id)}`}
              className="btn btn-quiet"
              data-testid="key-row-view"
              aria-label={t('partnerServices.viewLabel', { name: r.apiKeyLabel })}
            >
              {t('partnerServices.view')}
            </Link>
            <button
              type="button"
              className="btn btn-quiet"
              disabled={r.status === 'deactivated'}
              onClick={() => ask(r)}
              data-testid="key-row-deactivate"
              aria-label={t('partnerServices.deactivateLabel', { name: r.apiKeyLabel })}
            >
              {t('partnerServices.deactivate')}
            </button>
          </span>
        ),
      },
    );
    return cols;
  }, [t, admin, viewBase, ask]);

  return (
    <div className="space-y-4">
      <ListView
        list={list}
        columns={columns}
        rowKey={(r) => r.id}
        label={t('partnerServices.apiKeys.title')}
        empty={t('partnerServices.apiKeys.empty')}
        minWidth={admin ? '80rem' : '72rem'}
        ids={listIds('key-table', {
          pager: pagerIds('key-pager'),
          filters: filterIds('key-filters'),
        })}
        filters={[
          { name: 'partnerId', label: t('partnerServices.cols.partnerId'), ltr: true },
          ...(admin ? [{ name: 'orgName' as const, label: t('partnerServices.cols.orgName') }] : []),
          { name: 'policyGroupName', label: t('partnerServices.cols.policyGroup') },
          { name: 'policyName', label: t('partnerServices.cols.policyName') },
          { name: 'apiKeyLabel', label: t('partnerServices.cols.apiKeyName') },
          {
            name: 'status',
            label: t('partnerServices.cols.status'),
            options: [
              { value: 'activated', label: t('status.active') },
              { value: 'deactivated', label: t('status.deactivated') },
            ],
          },
        ]}
      />
      {dialog}
    </div>
  );
}

export function ApiKeysScreen() {
  const { t } = useTranslation();
  const inactive = useInactivePartners();
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('partnerServices.authServices.title')}
        description={t('partnerServices.apiKeys.description')}
        actions={
          <Link to="/partner/api-keys/generate" className="btn btn-primary" data-testid="generate-key-link">
            {t('partnerServices.apiKeys.generate')}
          </Link>
        }
      />
      <AuthServiceTabs current="apiKeys" admin={false} />
      <InactivePartnerNote ids={inactive} />
      <ApiKeyList admin={false} />
    </div>
  );
}
