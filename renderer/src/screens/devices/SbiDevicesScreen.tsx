import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/FormError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRecord } from '../../data/useRecord.ts';
import { useRoute } from '../../router/hash.ts';
import { DeviceList } from './DeviceList.tsx';

/** The devices of one SBI, for its provider (View Devices). */
export function SbiDevicesScreen() {
  const { t } = useTranslation();
  const sbiId = useRoute().query.get('sbiId') ?? '';
  const sbi = useRecord('sbis.get', sbiId ? { sbiId } : null);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('devices.devices.title', { version: sbi.data?.sbiVersion ?? '' })}
        description={t('devices.devices.description')}
        back={{ to: '/provider/sbis', label: t('devices.sbi.title') }}
      />
      <FormError error={sbi.error} />
      <DeviceList key={sbiId} admin={false} sbiId={sbiId} />
    </div>
  );
}
