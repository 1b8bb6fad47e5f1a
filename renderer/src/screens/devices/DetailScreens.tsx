import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/FormError.tsx';
import { useRecord } from '../../data/useRecord.ts';
import { useRoute } from '../../router/hash.ts';
import { Facts } from '../../components/Facts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DateText, DeviceBadge } from './parts.tsx';

/** The route's `id`, or null (the record then waits). */
function useIdParam(): string | null {
  return useRoute().query.get('id') || null;
}

export function SbiDetailScreen({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const id = useIdParam();
  const { data, error } = useRecord('sbis.get', id ? { sbiId: id } : null);
  const back = admin
    ? { to: '/admin/sbi-devices', label: t('devices.admin.title') }
    : { to: '/provider/sbis', label: t('devices.sbi.title') };
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <PageHeader title={t('devices.sbi.detailTitle', { version: data?.sbiVersion ?? '' })} back={back} />
      <FormError error={error} />
      {data ? (
        <div className="panel p-6" data-testid="sbi-detail">
          <Facts
            items={[
              { label: t('devices.cols.sbiId'), value: <bdi dir="ltr">{data.sbiId}</bdi> },
              { label: t('devices.cols.partnerId'), value: <bdi dir="ltr">{data.partnerId}</bdi> },
              { label: t('devices.cols.orgName'), value: data.orgName },
              {
                label: t('devices.cols.sbiVersion'),
                value: <bdi dir="ltr">{data.sbiVersion}</bdi>,
              },
              {
                label: t('devices.cols.binaryHash'),
                value: (
                  <bdi dir="ltr" className="break-all font-mono text-xs">
                    {data.binaryHash}
                  </bdi>
                ),
              },
              {
                label: t('devices.cols.status'),
                value: <DeviceBadge status={data.status} testId="sbi-detail-status" />,
              },
              {
                label: t('devices.cols.sbiCreated'),
                value: <DateText iso={data.sbiCreatedDateTime} time />,
              },
              {
                label: t('devices.cols.sbiExpiry'),
                value: <DateText iso={data.sbiExpiryDateTime} time />,
              },
              {
                label: t('devices.cols.expiryStatus'),
                value: <DeviceBadge status={data.sbiExpiryStatus} />,
              },
              {
                label: t('devices.cols.linkedDevices'),
                value: t('devices.sbi.deviceCounts', {
                  approved: data.countOfApprovedDevices,
                  pending: data.countOfPendingDevices,
                }),
              },
              {
                label: t('devices.cols.created'),
                value: <DateText iso={data.createdDateTime} time />,
              },
              {
                label: t('devices.cols.updated'),
                value: <DateText iso={data.updatedDateTime} time />,
              },
            ]}
          />
        </div>
      ) : null}
    </div>
  );
}

export function DeviceDetailScreen({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const id = useIdParam();
  const { data, error } = useRecord('devices.get', id ? { deviceId: id } : null);
  const back = admin
    ? { to: '/admin/sbi-devices?tab=devices', label: t('devices.admin.title') }
    : {
        to: data?.sbiId ? `/provider/sbis/devices?sbiId=${encodeURIComponent(data.sbiId)}` : '/provider/sbis',
        label: t('devices.sbi.title'),
      };
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <PageHeader
        title={
          data
            ? t('devices.devices.detailTitle', { make: data.make, model: data.model })
            : t('devices.admin.tabs.devices')
        }
        back={back}
      />
      <FormError error={error} />
      {data ? (
        <div className="panel space-y-4 p-6" data-testid="device-detail">
          {data.isOrphan ? (
            <p
              role="note"
              className="rounded-md bg-wait-bg p-3 text-sm text-wait-fg"
              data-testid="device-detail-orphan"
            >
              {t('devices.devices.orphanReason')}
            </p>
          ) : null}
          <Facts
            items={[
              { label: t('devices.cols.deviceId'), value: <bdi dir="ltr">{data.deviceId}</bdi> },
              { label: t('devices.cols.partnerId'), value: <bdi dir="ltr">{data.partnerId}</bdi> },
              { label: t('devices.cols.orgName'), value: data.orgName },
              {
                label: t('devices.cols.sbiId'),
                value: data.sbiId ? <bdi dir="ltr">{data.sbiId}</bdi> : t('devices.devices.orphan'),
              },
              { label: t('devices.cols.sbiVersion'), value: data.sbiVersion ?? '—' },
              { label: t('devices.cols.type'), value: data.deviceTypeCode },
              { label: t('devices.cols.subType'), value: data.deviceSubTypeCode },
              { label: t('devices.cols.make'), value: data.make },
              { label: t('devices.cols.model'), value: data.model },
              {
                label: t('devices.cols.status'),
                value: <DeviceBadge status={data.status} testId="device-detail-status" />,
              },
              {
                label: t('devices.cols.created'),
                value: <DateText iso={data.createdDateTime} time />,
              },
              {
                label: t('devices.cols.updated'),
                value: <DateText iso={data.updatedDateTime} time />,
              },
            ]}
          />
        </div>
      ) : null}
    </div>
  );
}
