import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Column } from '../../components/DataTable.tsx';
import { ListView, filterIds, listIds, pagerIds } from '../../components/ListView.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { useList } from '../../data/useList.ts';
import { Link } from '../../router/Link.tsx';
import { useRoute } from '../../router/hash.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DeviceList } from './DeviceList.tsx';
import { SBI_DATES, useDeactivateSbi, type SbiRow } from './SbiListScreen.tsx';
import { ActionButton, DateText, DecideDialog, DeviceBadge } from './parts.tsx';

function SbiTable() {
  const { t } = useTranslation();
  const list = useList('sbis.list', {
    id: 'adminSbis',
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: SBI_DATES,
  });
  const decide = useCommand('sbis.decide');
  const [notice, setNotice] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<SbiRow | null>(null);
  const { ask, dialog } = useDeactivateSbi(setNotice);

  const columns = useMemo<Column<SbiRow>[]>(
    () => [
      {
        id: 'partnerId',
        label: t('devices.cols.partnerId'),
        width: 'minmax(8rem,1fr)',
        sort: 'partnerId',
        cell: (r) => <bdi dir="ltr">{r.partnerId}</bdi>,
      },
      {
        id: 'orgName',
        label: t('devices.cols.orgName'),
        width: 'minmax(8rem,1fr)',
        sort: 'orgName',
        cell: (r) => <bdi title={r.orgName}>{r.orgName}</bdi>,
      },
      {
        id: 'sbiId',
        label: t('devices.cols.sbiId'),
        width: 'minmax(7rem,1fr)',
        sort: 'sbiId',
        cell: (r) => (
          <bdi dir="ltr" title={r.sbiId} className="font-mono text-xs">
            {r.sbiId}
          </bdi>
        ),
      },
      {
        id: 'sbiVersion',
        label: t('devices.cols.sbiVersion'),
        width: '6.5rem',
        sort: 'sbiVersion',
        cell: (r) => (
          <bdi dir="ltr" data-testid="sbi-row-version">
            {r.sbiVersion}
          </bdi>
        ),
      },
      {
        id: 'sbiCreated',
        label: t('devices.cols.sbiCreated'),
        width: '7.5rem',
        sort: 'sbiCreatedDateTime',
        cell: (r) => <DateText iso={r.sbiCreatedDateTime} />,
      },
      {
        id: 'sbiExpiry',
        label: t('devices.cols.sbiExpiry'),
        width: '7.5rem',
        sort: 'sbiExpiryDateTime',
        cell: (r) => <DateText iso={r.sbiExpiryDateTime} />,
      },
      {
        id: 'expiryStatus',
        label: t('devices.cols.expiryStatus'),
        width: '6.5rem',
        sort: 'sbiExpiryStatus',
        cell: (r) => <DeviceBadge status={r.sbiExpiryStatus} testId="sbi-row-expiry" />,
      },
      {
        id: 'status',
        label: t('devices.cols.status'),
        width: '10rem',
        sort: 'status',
        cell: (r) => <DeviceBadge status={r.status} testId="sbi-row-status" />,
      },
      {
        id: 'linked',
        label: t('devices.cols.linkedDevices'),
        width: '6rem',
        sort: 'countOfAssociatedDevices',
        cell: (r) => (
          <Link
            to={`/admin/sbi-devices?tab=devices&sbiId=${encodeURIComponent(r.sbiId)}`}
            className="text-brand-700 underline"
            data-testid="sbi-row-linked"
          >
            {r.countOfAssociatedDevices}
          </Link>
        ),
      },
      {
        id: 'action',
        label: t('devices.cols.action'),
        width: '17rem',
        cell: (r) => (
          <span className="flex items-center">
            <Link
              to={`/admin/sbi-devices/sbi?id=${encodeURIComponent(r.sbiId)}`}
              className="btn btn-quiet"
              data-testid="sbi-row-view"
            >
              {t('devices.actions.view')}
            </Link>
            <ActionButton
              label={`${t('devices.actions.approve')} / ${t('devices.actions.reject')}`}
              disabledReason={
                r.status === 'pending_approval'
                  ? null
                  : r.status === 'rejected'
                    ? t('errors.PMS_AUT_518')
                    : t('errors.PMS_AUT_517')
              }
              testId="sbi-row-decide"
              onClick={() => setDeciding(r)}
            />
            <ActionButton
              label={t('devices.actions.deactivate')}
              disabledReason={r.status === 'approved' ? null : t('devices.sbi.cannotDeactivate')}
              testId="sbi-row-deactivate"
              onClick={() => ask(r)}
            />
          </span>
        ),
      },
    ],
    [t, ask],
  );

  const statusOptions = [
    ...(['approved', 'pending_approval', 'rejected', 'deactivated'] as const).map((s) => ({
      value: s,
      label: t(`devices.status.${s}`),
    })),
  ];
  return (
    <div className="space-y-4">
      <Notice text={notice} testId="sbi-notice" />
      <ListView
        list={list}
        columns={columns}
        rowKey={(r) => r.sbiId}
        label={t('devices.admin.tabs.sbis')}
        empty={t('devices.admin.sbiEmpty')}
        ids={listIds('sbi-table', {
          pager: pagerIds('sbi-pager'),
          filters: filterIds('sbi-filters'),
        })}
        minWidth="100rem"
        rowHeight={52}
        filters={[
          { name: 'partnerId', label: t('devices.cols.partnerId'), ltr: true },
          { name: 'orgName', label: t('devices.cols.orgName') },
          { name: 'sbiId', label: t('devices.cols.sbiId'), ltr: true },
          { name: 'sbiVersion', label: t('devices.cols.sbiVersion'), ltr: true },
          { name: 'status', label: t('devices.cols.status'), options: statusOptions },
          {
            name: 'sbiExpiryStatus',
            label: t('devices.cols.expiryStatus'),
            options: [
              { value: 'valid', label: t('devices.status.valid') },
              { value: 'expired', label: t('devices.status.expired') },
            ],
          },
        ]}
      />
      {deciding ? (
        <DecideDialog
          title={t('devices.admin.approveSbiTitle', { version: deciding.sbiVersion })}
          text={t('devices.admin.approveSbiText', {
            version: deciding.sbiVersion,
            partner: deciding.partnerId,
            org: deciding.orgName,
          })}
          testId="sbi-decide-dialog"
          onClose={() => setDeciding(null)}
          onDecide={(decision) => decide.call({ sbiId: deciding.sbiId, decision })}
        />
      ) : null}
      {dialog}
    </div>
  );
}

/** Admin SBI-Device (pms.md §5.4): tabs SBIs / Devices; a linked-devices count opens the devices of that SBI. */
export function AdminSbiDevicesScreen() {
  const { t } = useTranslation();
  const query = useRoute().query;
  const tab = query.get('tab') === 'devices' ? 'devices' : 'sbis';
  const sbiId = query.get('sbiId') ?? '';
  return (
    <div className="space-y-4">
      <PageHeader title={t('devices.admin.title')} description={t('devices.admin.description')} />
      <nav
        aria-label={t('devices.admin.title')}
        className="flex gap-1 border-b border-slate-200"
        data-testid="sbi-device-tabs"
      >
        {(['sbis', 'devices'] as const).map((id) => (
          <Link
            key={id}
            to={`/admin/sbi-devices?tab=${id}`}
            aria-current={id === tab ? 'page' : undefined}
            data-testid={`tab-${id}`}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${id === tab ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t(`devices.admin.tabs.${id}`)}
          </Link>
        ))}
      </nav>
      {tab === 'sbis' ? (
        <SbiTable />
      ) : (
        <>
          {sbiId ? (
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="linked-filter">
              {t('devices.admin.linkedFilter', { sbiId })}
              <Link to="/admin/sbi-devices?tab=devices" className="text-brand-700 underline">
                {t('devices.admin.clearLinked')}
              </Link>
            </p>
          ) : null}
          <DeviceList key={sbiId} admin sbiId={sbiId} />
        </>
      )}
    </div>
  );
}
