import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyableId } from '../../components/CopyButton.tsx';
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
  InactivePartnerNote,
  UnusableMark,
  clientStatus,
  useInactivePartners,
} from './parts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

type OidcRow = Row<'oidcClients.list'>;

/** Deactivate an OIDC client after a confirmation naming it; the refusal stays in the dialog. */
export function useDeactivateClient(onDone: () => void = () => undefined) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<{ clientId: string; clientName: string } | null>(null);
  const deactivate = useCommand('oidcClients.deactivate');
  const dialog = target ? (
    <ConfirmDialog
      danger
      title={t('partnerServices.oidc.deactivateTitle')}
      body={t('partnerServices.oidc.deactivateText', { name: target.clientName })}
      confirmLabel={t('partnerServices.deactivate')}
      testId="deactivate-dialog"
      onClose={() => setTarget(null)}
      onConfirm={async () => {
        await deactivate.call({ clientId: target.clientId });
        onDone();
      }}
    />
  ) : null;
  return {
    ask: (row: { clientId: string; clientName: string }) =>
      setTarget({ clientId: row.clientId, clientName: row.clientName }),
    dialog,
  };
}

/** OIDC client columns as MOSIP (pms.md §5.3/§5.4): the partner may edit, the admin only deactivates. */
/** Rows carry `usable` from the core, so a key or client stopped by its partner, link or policy is marked. */
export function OidcClientList({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const list = useList('oidcClients.list', {
    id: admin ? 'adminOidcClients' : 'partnerOidcClients',
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime'],
  });
  const { ask, dialog } = useDeactivateClient();
  const viewBase = admin ? '/admin/auth-services/oidc-client' : '/partner/oidc-clients/view';
  const inactiveReason = t('errors.PMS_ESI_008');

  const columns = useMemo<Column<OidcRow>[]>(() => {
    const cols: Column<OidcRow>[] = [
      {
        id: 'partnerId',
        label: t('partnerServices.cols.partnerId'),
        width: 'minmax(7rem,1fr)',
        sort: 'partnerId',
        cell: (r) => <bdi dir="ltr">{r.partnerId}</bdi>,
      },
    ];
    if (admin)
      cols.push({
        id: 'orgName',
        label: t('partnerServices.cols.orgName'),
        width: 'minmax(7rem,1fr)',
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
        id: 'clientName',
        label: t('partnerServices.cols.clientName'),
        width: 'minmax(8rem,1fr)',
        sort: 'clientName',
        cell: (r) => <bdi data-testid="client-row-name">{r.clientName}</bdi>,
      },
      {
        id: 'createdDateTime',
        label: t('partnerServices.cols.created'),
        width: '7.5rem',
        sort: 'createdDateTime',
        cell: (r) => <DateCell iso={r.createdDateTime} />,
      },
      {
        id: 'status',
        label: t('partnerServices.cols.status'),
        width: '7.5rem',
        sort: 'status',
        cell: (r) => (
          <span className="inline-flex items-center gap-1">
            <Badge status={clientStatus(r.status)} testId="client-row-status" />
            {r.status === 'ACTIVE' && r.usable !== 'ok' ? <UnusableMark /> : null}
          </span>
        ),
      },
      {
        id: 'clientId',
        label: t('partnerServices.cols.clientId'),
        width: '11rem',
        cell: (r) => (
          <span className="inline-flex max-w-full items-center overflow-hidden" title={r.clientId}>
            <CopyableId value={`${r.clientId.slice(0, 12)}…`} label={t('partnerServices.cols.clientId')} />
          </span>
        ),
      },
      {
        id: 'action',
        label: t('partnerServices.cols.action'),
        width: admin ? '11rem' : '14rem',
        cell: (r) => (
          <span className="flex items-center">
            <Link
              to={`${viewBase}?id=${encodeURIComponent(r.clientId)}`}
              className="btn btn-quiet"
              data-testid="client-row-view"
              aria-label={t('partnerServices.viewLabel', { name: r.clientName })}
            >
              {t('partnerServices.view')}
            </Link>
            {admin ? null : r.status === 'ACTIVE' ? (
              <Link
                to={`/partner/oidc-clients/edit?id=${encodeURIComponent(r.clientId)}`}
                className="btn btn-quiet"
                data-testid="client-row-edit"
              >
                {t('partnerServices.edit')}
              </Link>
            ) : (
              <button
                type="button"
                className="btn btn-quiet"
                disabled
                title={inactiveReason}
                data-testid="client-row-edit"
              >
                {t('partnerServices.edit')}
              </button>
            )}
            <button
              type="button"
              className="btn btn-quiet"
              disabled={r.status === 'INACTIVE'}
              title={r.status === 'INACTIVE' ? inactiveReason : undefined}
              onClick={() => ask(r)}
              data-testid="client-row-deactivate"
              aria-label={t('partnerServices.deactivateLabel', { name: r.clientName })}
            >
              {t('partnerServices.deactivate')}
            </button>
          </span>
        ),
      },
    );
    return cols;
  }, [t, admin, viewBase, ask, inactiveReason]);

  return (
    <div className="space-y-4">
      <ListView
        list={list}
        columns={columns}
        rowKey={(r) => r.clientId}
        label={t('partnerServices.oidc.title')}
        empty={t('partnerServices.oidc.empty')}
        minWidth={admin ? '84rem' : '80rem'}
        ids={listIds('client-table', {
          pager: pagerIds('client-pager'),
          filters: filterIds('client-filters'),
        })}
        filters={[
          { name: 'partnerId', label: t('partnerServices.cols.partnerId'), ltr: true },
          ...(admin ? [{ name: 'orgName' as const, label: t('partnerServices.cols.orgName') }] : []),
          { name: 'policyGroupName', label: t('partnerServices.cols.policyGroup') },
          { name: 'policyName', label: t('partnerServices.cols.policyName') },
          { name: 'clientName', label: t('partnerServices.cols.clientName') },
          {
            name: 'status',
            label: t('partnerServices.cols.status'),
            options: [
              { value: 'ACTIVE', label: t('status.active') },
              { value: 'INACTIVE', label: t('status.deactivated') },
            ],
          },
        ]}
      />
      {dialog}
    </div>
  );
}

export function OidcClientsScreen() {
  const { t } = useTranslation();
  const inactive = useInactivePartners();
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('partnerServices.authServices.title')}
        description={t('partnerServices.oidc.description')}
        actions={
          <Link to="/partner/oidc-clients/create" className="btn btn-primary" data-testid="create-client-link">
            {t('partnerServices.oidc.create')}
          </Link>
        }
      />
      <AuthServiceTabs current="oidc" admin={false} />
      <InactivePartnerNote ids={inactive} />
      <OidcClientList admin={false} />
    </div>
  );
}
