import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { FormError } from '../../components/FormError.tsx';
import { useEvent } from '../../hooks/useEvent.ts';
import { Link } from '../../router/Link.tsx';
import type { ListStore } from '../../stores/pagedList.ts';
import { EMPTY_DEVICE_FILTERS, type DeviceFilters, type DeviceRow } from '../../stores/devices.ts';
import { ListFilters, type FilterField } from '../partner-services/ListFilters.tsx';
import { ListPager } from '../partner-services/ListPager.tsx';
import { ListTable, type Column } from '../partner-services/ListTable.tsx';
import { ActionButton, ConfirmCommand, DateText, DecideDialog, DeviceBadge } from './parts.tsx';

/** The orphan rule in words (pms.md §3.4): approving a device without SBI is refused (PMS_DEVICE_ERROR_024). */
export function useDeviceDialogs(onDone: () => void) {
  const { t } = useTranslation();
  const [deciding, setDeciding] = useState<DeviceRow | null>(null);
  const [stopping, setStopping] = useState<DeviceRow | null>(null);
  const names = (d: DeviceRow) => ({ make: d.make, model: d.model, type: d.deviceTypeCode, subType: d.deviceSubTypeCode, partner: d.partnerId, org: d.orgName, version: d.sbiVersion ?? t('devices.devices.orphan') });
  const dialogs = (
    <>
      {deciding ? (
        <DecideDialog
          title={t('devices.admin.approveDeviceTitle', names(deciding))}
          text={t('devices.admin.approveDeviceText', names(deciding))}
          approveBlocked={deciding.isOrphan ? t('devices.devices.orphanReason') : null}
          testId="device-decide-dialog"
          onClose={() => setDeciding(null)}
          onDecide={async (decision) => {
            await api.call('devices.decide', { deviceId: deciding.deviceId, decision });
            onDone();
          }}
        />
      ) : null}
      {stopping ? (
        <ConfirmCommand
          title={t('devices.devices.deactivateTitle', names(stopping))}
          text={t('devices.devices.deactivateText', names(stopping))}
          confirm={t('devices.actions.deactivate')}
          testId="device-deactivate-dialog"
          onClose={() => setStopping(null)}
          onConfirm={async () => {
            await api.call('devices.deactivate', { deviceId: stopping.deviceId });
            onDone();
          }}
        />
      ) : null}
    </>
  );
  return { decide: setDeciding, deactivate: setStopping, dialogs };
}

interface DeviceListProps {
  store: ListStore<DeviceRow, DeviceFilters>;
  admin: boolean;
  /** Preset SBI filter (the devices of one SBI); '' resets the filters, null keeps them. */
  sbiId?: string | null;
}

/** Devices list (pms.md §5.4): admins approve/reject (reject only for orphans) and deactivate; providers deactivate. */
export function DeviceList({ store, admin, sbiId = null }: DeviceListProps) {
  const { t } = useTranslation();
  const load = store((s) => s.load);
  const error = store((s) => s.error);
  // A fixed or linked SBI is set before the first render, so the filter form starts from it.
  useState(() => {
    if (sbiId !== null) store.setState({ filters: { ...EMPTY_DEVICE_FILTERS, sbiId }, pageNo: 0, page: null });
  });
  useEffect(() => {
    void load();
  }, [load]);
  useEvent('data.changed', ({ topic }) => {
    if (topic === 'devices' || topic === 'partners') void load();
  });
  const { decide, deactivate, dialogs } = useDeviceDialogs(() => void load());
  const viewBase = admin ? '/admin/sbi-devices/device' : '/provider/devices/view';

  const columns = useMemo<Column<DeviceRow>[]>(() => {
    const cols: Column<DeviceRow>[] = [];
    if (admin) {
      cols.push(
        { id: 'partnerId', label: t('devices.cols.partnerId'), width: 'minmax(8rem,1fr)', sort: 'partnerId', cell: (r) => <bdi dir="ltr">{r.partnerId}</bdi> },
        { id: 'orgName', label: t('devices.cols.orgName'), width: 'minmax(8rem,1fr)', sort: 'orgName', cell: (r) => <bdi title={r.orgName}>{r.orgName}</bdi> },
        {
          id: 'sbiId',
          label: t('devices.cols.sbiId'),
          width: 'minmax(7rem,1fr)',
          sort: 'sbiId',
          cell: (r) => (r.sbiId ? <bdi dir="ltr" title={r.sbiId} className="font-mono text-xs">{r.sbiId}</bdi> : <span className="text-xs text-bad-fg" data-testid="device-row-orphan">{t('devices.devices.orphan')}</span>),
        },
        { id: 'sbiVersion', label: t('devices.cols.sbiVersion'), width: '6rem', sort: 'sbiVersion', cell: (r) => <bdi dir="ltr">{r.sbiVersion ?? '—'}</bdi> },
      );
    }
    cols.push(
      { id: 'deviceId', label: t('devices.cols.deviceId'), width: 'minmax(7rem,1fr)', sort: 'deviceId', cell: (r) => <bdi dir="ltr" title={r.deviceId} className="font-mono text-xs">{r.deviceId}</bdi> },
      { id: 'type', label: t('devices.cols.type'), width: '6rem', sort: 'deviceType', cell: (r) => r.deviceTypeCode },
      { id: 'subType', label: t('devices.cols.subType'), width: '6.5rem', sort: 'deviceSubType', cell: (r) => r.deviceSubTypeCode },
      { id: 'make', label: t('devices.cols.make'), width: 'minmax(6rem,1fr)', sort: 'make', cell: (r) => <bdi data-testid="device-row-make">{r.make}</bdi> },
      { id: 'model', label: t('devices.cols.model'), width: 'minmax(6rem,1fr)', sort: 'model', cell: (r) => <bdi data-testid="device-row-model">{r.model}</bdi> },
      { id: 'created', label: t('devices.cols.created'), width: '7.5rem', sort: 'createdDateTime', cell: (r) => <DateText iso={r.createdDateTime} /> },
      { id: 'status', label: t('devices.cols.status'), width: '10rem', sort: 'status', cell: (r) => <DeviceBadge status={r.status} testId="device-row-status" /> },
      {
        id: 'action',
        label: t('devices.cols.action'),
        width: admin ? '17rem' : '11rem',
        cell: (r) => (
          <span className="flex items-center">
            <Link to={`${viewBase}?id=${encodeURIComponent(r.deviceId)}`} className="btn btn-quiet" data-testid="device-row-view">
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
            <ActionButton label={t('devices.actions.deactivate')} disabledReason={r.status === 'approved' ? null : t('errors.PMS_DEVICE_ERROR_023')} testId="device-row-deactivate" onClick={() => deactivate(r)} />
          </span>
        ),
      },
    );
    return cols;
  }, [t, admin, viewBase, decide, deactivate]);

  const statusOptions = [
    { value: '', label: t('devices.actions.any') },
    ...(['approved', 'pending_approval', 'rejected', 'deactivated'] as const).map((s) => ({ value: s, label: t(`devices.status.${s}`) })),
  ];
  const fields: FilterField[] = [
    ...(admin ? [{ name: 'partnerId', label: t('devices.cols.partnerId'), ltr: true }, { name: 'orgName', label: t('devices.cols.orgName') }] : []),
    ...(admin ? [{ name: 'sbiId', label: t('devices.cols.sbiId'), ltr: true }, { name: 'sbiVersion', label: t('devices.cols.sbiVersion'), ltr: true }] : []),
    { name: 'make', label: t('devices.cols.make') },
    { name: 'model', label: t('devices.cols.model') },
    { name: 'status', label: t('devices.cols.status'), options: statusOptions },
    ...(admin ? [{ name: 'orphan', label: t('devices.admin.orphanOnly'), options: [{ value: '', label: t('devices.actions.any') }, { value: 'true', label: t('devices.devices.orphan') }] }] : []),
  ];

  return (
    <div className="space-y-4">
      <ListFilters store={store} empty={admin ? EMPTY_DEVICE_FILTERS : { ...EMPTY_DEVICE_FILTERS, sbiId: sbiId ?? '' }} testId="device-filters" fields={fields} />
      <FormError error={error} />
      <div className="panel overflow-hidden">
        <ListTable store={store} columns={columns} rowKey={(r) => r.deviceId} label={t('devices.admin.tabs.devices')} empty={admin ? t('devices.admin.deviceEmpty') : t('devices.devices.empty')} testId="device-table" minWidth={admin ? '96rem' : '72rem'} />
        <ListPager store={store} testId="device-pager" />
      </div>
      {dialogs}
    </div>
  );
}
