import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { FormError } from '../../components/FormError.tsx';
import { useRoute } from '../../router/hash.ts';
import { useSbiDevices } from '../../stores/devices.ts';
import { PageHeader } from '../partner-services/parts.tsx';
import { useDetail } from '../partner-services/useDetail.ts';
import { DeviceList } from './DeviceList.tsx';

const fetchSbi = (sbiId: string) => api.call('sbis.get', { sbiId });

/** The devices of one SBI, for its provider (View Devices). */
export function SbiDevicesScreen() {
  const { t } = useTranslation();
  const sbiId = useRoute().query.get('sbiId') ?? '';
  const { data: sbi, error } = useDetail(sbiId || null, fetchSbi, ['devices']);
  return (
    <div className="space-y-4">
      <PageHeader title={t('devices.devices.title', { version: sbi?.sbiVersion ?? '' })} description={t('devices.devices.description')} back={{ to: '/provider/sbis', label: t('devices.sbi.title') }} />
      <FormError error={error} />
      <DeviceList key={sbiId} store={useSbiDevices} admin={false} sbiId={sbiId} />
    </div>
  );
}
