import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualSbi, type VirtualState } from '../../stores/hardware.ts';
import { KNOWN_STATUS, Section, useDeviceStatusText, usePurposeText } from './parts.tsx';

type VirtualDevice = VirtualState['devices'][number];
/** A slider sends its value once it has rested this long, not on every step of a drag. */
const QUALITY_SETTLE_MS = 350;

function DeviceRow({ device }: { device: VirtualDevice }) {
  const { t } = useTranslation();
  const id = useId();
  const statusText = useDeviceStatusText();
  const purposeText = usePurposeText();
  const { pending, control } = useVirtualSbi();
  // The slider's own value while it moves; the device's value again once the change is applied.
  const [draft, setDraft] = useState<number | null>(null);
  const quality = draft ?? device.quality;
  useEffect(() => {
    if (draft === null || draft === device.quality) return;
    const timer = setTimeout(
      () =>
        void control(
          { action: 'quality', deviceId: device.deviceId, quality: draft },
          `quality:${device.deviceId}`,
        ).then(() => setDraft(null)),
      QUALITY_SETTLE_MS,
    );
    return () => clearTimeout(timer);
  }, [draft, device.quality, device.deviceId, control]);
  return (
    <tr className="border-b border-slate-100" data-testid="virtual-device" data-device={device.deviceId}>
      <td className="px-3 py-2">
        <bdi dir="ltr" className="font-mono text-xs">
          {device.deviceId}
        </bdi>
        <span className="block text-xs text-slate-500">
          <bdi dir="ltr">{device.serialNo}</bdi>
        </span>
      </td>
      <td className="px-3 py-2">
        <bdi>{`${device.type} / ${device.subType}`}</bdi>
        <span className="block text-xs text-slate-500">{purposeText(device.purpose)}</span>
      </td>
      <td className="px-3 py-2">
        <label htmlFor={`${id}-status`} className="sr-only">
          {t('hardware.virtual.cols.status')}
        </label>
        <select
          id={`${id}-status`}
          className="field-input"
          value={device.status}
          disabled={pending !== null}
          onChange={(e) => {
            const status = KNOWN_STATUS.find((s) => s === e.target.value);
            if (status)
              void control({ action: 'status', deviceId: device.deviceId, status }, `status:${device.deviceId}`);
          }}
          data-testid="virtual-device-status"
        >
          {KNOWN_STATUS.map((s) => (
            <option key={s} value={s}>
              {statusText(s)}
            </option>
          ))}
        </select>
      </td>
      <td className="px-3 py-2">
        <div className="flex items-center gap-2">
          <label htmlFor={`${id}-quality`} className="sr-only">
            {t('hardware.virtual.cols.quality')}
          </label>
          <input
            id={`${id}-quality`}
            type="range"
            min={0}
            max={100}
            step={1}
            value={quality}
            onChange={(e) => setDraft(Number(e.target.value))}
            className="w-32 accent-brand-600"
            data-testid="virtual-device-quality"
          />
          <output
            htmlFor={`${id}-quality`}
            className="w-8 text-end font-mono text-xs"
            data-testid="virtual-device-quality-value"
          >
            {quality}
          </output>
        </div>
      </td>
      <td className="px-3 py-2">
        <button
          type="button"
          className="btn btn-quiet"
          disabled={pending !== null}
          aria-busy={pending === `rotate:${device.deviceId}`}
          onClick={() => void control({ action: 'rotateKeys', deviceId: device.deviceId }, `rotate:${device.deviceId}`)}
          data-testid="virtual-device-rotate"
        >
          {t('hardware.virtual.rotate')}
        </button>
      </td>
    </tr>
  );
}

/** The virtual devices, each with the controls the bench's tester prompts ask for (status, quality, keys). */
export function VirtualDevices({ state }: { state: VirtualState }) {
  const { t } = useTranslation();
  const { pending, control } = useVirtualSbi();
  const th = 'px-3 py-2 text-start text-xs font-semibold uppercase tracking-wide text-slate-700';
  return (
    <Section
      title={t('hardware.virtual.devices')}
      testId="virtual-devices"
      actions={
        <button
          type="button"
          className="btn btn-secondary"
          disabled={pending !== null}
          aria-busy={pending === 'rotate:all'}
          onClick={() => void control({ action: 'rotateKeys' }, 'rotate:all')}
          data-testid="virtual-rotate-all"
        >
          {t('hardware.virtual.rotateAll')}
        </button>
      }
    >
      <div className="overflow-x-auto">
        <table className="w-full min-w-[48rem] text-sm">
          <thead className="bg-slate-100">
            <tr>
              <th className={th}>{t('hardware.virtual.cols.device')}</th>
              <th className={th}>{t('hardware.virtual.cols.type')}</th>
              <th className={th}>{t('hardware.virtual.cols.status')}</th>
              <th className={th}>{t('hardware.virtual.cols.quality')}</th>
              <th className={th}>{t('hardware.virtual.cols.keys')}</th>
            </tr>
          </thead>
          <tbody>
            {state.devices.map((d) => (
              <DeviceRow key={d.deviceId} device={d} />
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
