import { useTranslation } from 'react-i18next';
import { useRoute } from '../../router/hash.ts';
import { usePrefill, type DevicePrefillRow, type PrefillSource, type SbiPrefillValues } from '../../stores/prefill.ts';

/** Values read from a device, only when the form was opened from onboarding (`?prefill=1`). */
export function useSbiPrefill(): SbiPrefillValues | null {
  const on = useRoute().query.get('prefill') === '1';
  const sbi = usePrefill((s) => s.sbi);
  return on ? sbi : null;
}

export function useDevicesPrefill(): { rows: DevicePrefillRow[]; source: PrefillSource } | null {
  const on = useRoute().query.get('prefill') === '1';
  const devices = usePrefill((s) => s.devices);
  return on ? devices : null;
}

/** Says where the filled-in values came from, so the user checks them before submitting. */
export function PrefillNote({ source }: { source: PrefillSource | undefined }) {
  const { t } = useTranslation();
  if (!source) return null;
  return (
    <p role="note" className="rounded-md bg-info-bg p-3 text-sm text-info-fg" data-testid="prefill-note">
      {t('hardware.prefill.note', { deviceId: source.deviceId, port: source.port })}
    </p>
  );
}
