import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import type { Column } from '../../components/DataTable.tsx';
import type { FilterField } from '../../components/FilterBar.tsx';
import { ListView, filterIds, listIds, pagerIds } from '../../components/ListView.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { useList, type FilterName, type Row } from '../../data/useList.ts';
import { Link } from '../../router/Link.tsx';
import { ActionButton, DateText, DecideDialog, DeviceBadge } from './parts.tsx';

export type DeviceRow = Row<'devices.list'>;

/** The orphan rule in words (pms.md §3.4): approving a device without SBI is refused (PMS_DEVICE_ERROR_024). */
export function useDeviceDialogs() {
  const { t } = useTranslation();
  const decide = useCommand('devices.decide');
  const deactivate = useCommand('devices.deactivate');
  const [deciding, setDeciding] = useState<DeviceRow | null>(null);
  const [stopping, setStopping] = useState<DeviceRow | null>(null);
  const names = (d: DeviceRow) => ({
    make: d.make,
    model: d.model,
    type: d.deviceTypeCode,
    subType: d.deviceSubTypeCode,
    partner: d.partnerId,
    org: d.orgName,
    version: d.sbiVersion ?? t('devices.devices.orphan'),
  });
  const dialogs = (
    <>
      {deciding ? (
        <DecideDialog
          title={t('devices.admin.approveDeviceTitle', names(deciding))}
          text={t('devices.admin.approveDeviceText', names(deciding))}
          approveBlocked={deciding.isOrphan ? t('devices.devices.orphanReason') : null}
          testId="device-decide-dialog"
          onClose={() => setDeciding(null)}
          onDecide={(decision) => decide.call({ deviceId: deciding.deviceId, decision })}
        />
      ) : null}
      {stopping ? (
        <ConfirmDialog
          danger
          title={t('devices.devices.deactivateTitle', names(stopping))}
          body={t('devices.devices.deactivateText', names(stopping))}
          confirmLabel={t('devices.actions.deactivate')}
          testId="device-deactivate-dialog"
          onClose={() => setStopping(null)}
          onConfirm={() => deactivate.call({ deviceId: stopping.deviceId })}
        />
      ) : null}
    </>
  );
  return { decide: setDeciding, deactivate: setStopping, dialogs };
}

interface DeviceListProps {
  admin: boolean;
  /** The devices of one SBI: fixed for its provider, a removable filter for the admin. */
  sbiId?: string;
}

/** Devices list (pms.md §5.4): admins approve/reject (reject only for orphans) and deactivate; providers deactivate. */
export function DeviceList({ admin, sbiId = '' }: DeviceListProps) {
  const { t } = useTranslation();
  // One remembered query per SBI shown; the admin's linked SBI is an ordinary filter.
  const list = useList('devices.list', {
    id: admin ? (sbiId ? `adminDevices:${sbiId}` : 'adminDevices') : `sbiDevices:${sbiId}`,
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime'],
    ...(admin ? { filters: sbiId ? { sbiId } : {} } : { scope: { sbiId } }),
    parse: { orphan: (text) => (text === 'true' ? true : undefined) },
  });
  const { decide, deactivate, dialogs } = useDeviceDialogs();
  const viewBase = admin ? '/admin/sbi-devices/device' : '/provider/devices/view';

  const columns = useMemo<Column<DeviceRow>[]>(() => {
    const cols: Column<DeviceRow>[] = [];
    if (admin) {
      cols.push(
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
          cell: (r) =>
            r.sbiId ? (
              <bdi dir="ltr" title={r.sbiId} className="font-mono text-xs">
                {r.sbiId}
              </bdi>
            ) : (
              <span className="text-xs text-bad-fg" data-testid="device-row-orphan">
                {t('devices.devices.orphan')}
              </span>
            ),
        },
        {
          id: 'sbiVersion',
          label: t('devices.cols.sbiVersion'),
          width: '6rem',
          sort: 'sbiVersion',
          cell: (r) => <bdi dir="ltr">{r.sbiVersion ?? '—'}</bdi>,
        },
      );
    }
    cols.push(
      {
        id: 'deviceId',
        label: t('devices.cols.deviceId'),
        width: 'minmax(7rem,1fr)',
        sort: 'deviceId',
        cell: (r) => (
          <bdi dir="ltr" title={r.deviceId} className="font-mono text-xs">
            {r.deviceId}
          </bdi>
        ),
      },
      {
        id: 'type',
        label: t('devices.cols.type'),
        width: '6rem',
        sort: 'deviceType',
        cell: (r) => r.deviceTypeCode,
      },
      {
        id: 'subType',
        label: t('devices.cols.subType'),
        width: '6.5rem',
        sort: 'deviceSubType',
        cell: (r) => r.deviceSubTypeCode,
      },
      {
        id: 'make',
        label: t('devices.cols.make'),
        width: 'minmax(6rem,1fr)',
        sort: 'make',
        cell: (r) => <bdi data-testid="device-row-make">{r.make}</bdi>,
      },
      {
        id: 'model',
        label: t('devices.cols.model'),
        width: 'minmax(6rem,1fr)',
        sort: 'model',
        cell: (r) => <bdi data-testid="device-row-model">{r.model}</bdi>,
      },
      {
        id: 'created',
        label: t('devices.cols.created'),
        width: '7.5rem',
        sort: 'createdDateTime',
        cell: (r) => <DateText iso={r.createdDateTime} />,
      },
      {
        id: 'status',
        label: t('devices.cols.status'),
        width: '10rem',
        sort: 'status',
        cell: (r) => <DeviceBadge status={r.status} testId="device-row-status" />,
      },
      {
        id: 'action',
        label: t('devices.cols.action'),
        width: admin ? '17rem' : '11rem',
        cell: (r) => (
          <span className="flex items-center">
            <Link
              to={`${viewBase}?id=${encodeURIComponent(r.deviceId)}`}
              className="btn btn-quiet"
              data-testid="device-row-view"
            >
              {t('devices.actions.view')}
            </Link>
            {admin ? (
              <ActionButton
                label={`${t('devices.actions.approve')} / ${t('devices.actions.reject')}`}
                disabledReason={r.status === 'pending_approval' ? null : t('errors.PMS_DEVICE_ERROR_010')}
                testId="device-row-decide"
                onClick={() => decide(r)}
              />
            ) : null}
            <ActionButton
              label={t('devices.actions.deactivate')}
              disabledReason={r.status === 'approved' ? null : t('errors.PMS_DEVICE_ERROR_023')}
              testId="device-row-deactivate"
              onClick={() => deactivate(r)}
            />
          </span>
        ),
      },
    );
    return cols;
  }, [t, admin, viewBase, decide, deactivate]);

  const statusOptions = [
    ...(['approved', 'pending_approval', 'rejected', 'deactivated'] as const).map((s) => ({
      value: s,
      label: t(`devices.status.${s}`),
    })),
  ];
  const adminFields: FilterField<FilterName<'devices.list'>>[] = [
    { name: 'partnerId', label: t('devices.cols.partnerId'), ltr: true },
    { name: 'orgName', label: t('devices.cols.orgName') },
    { name: 'sbiId', label: t('devices.cols.sbiId'), ltr: true },
    { name: 'sbiVersion', label: t('devices.cols.sbiVersion'), ltr: true },
  ];
  const fields: FilterField<FilterName<'devices.list'>>[] = [
    ...(admin ? adminFields : []),
    { name: 'make', label: t('devices.cols.make') },
    { name: 'model', label: t('devices.cols.model') },
    { name: 'status', label: t('devices.cols.status'), options: statusOptions },
    ...(admin
      ? [
          {
            name: 'orphan' as const,
            label: t('devices.admin.orphanOnly'),
            options: [{ value: 'true', label: t('devices.devices.orphan') }],
          },
        ]
      : []),
  ];

  return (
    <>
      <ListView
        list={list}
        columns={columns}
        rowKey={(r) => r.deviceId}
        label={t('devices.admin.tabs.devices')}
        empty={admin ? t('devices.admin.deviceEmpty') : t('devices.devices.empty')}
        filters={fields}
        ids={listIds('device-table', {
          pager: pagerIds('device-pager'),
          filters: filterIds('device-filters'),
        })}
        minWidth={admin ? '96rem' : '72rem'}
        rowHeight={52}
      />
      {dialogs}
    </>
  );
}
