import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import { FINGER_NAMES } from '../../contract.ts';
import { FormError } from '../../components/FormError.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { ErrorDetail } from './ErrorDetail.tsx';

type Assisted = Output<'assisted.get'>;
type Device = Output<'assisted.devices'>['devices'][number];
type Modality = 'Finger' | 'Iris' | 'Face';
type FingerKey = `${'Left' | 'Right'}${'Thumb' | 'IndexFinger' | 'MiddleFinger' | 'RingFinger' | 'LittleFinger'}`;
const fingerKey = (f: (typeof FINGER_NAMES)[number]) => f.replace(' ', '') as FingerKey;

/**
 * The Auth device and the capture: devices refused (untrusted, not Ready) say why and cannot be
 * chosen; each attempt shows its quality against the threshold, up to the configured number; missing
 * fingers are marked as exceptions. The sample itself is encrypted by the device for the ID
 * service, and an Auth device does not stream (SBI STREAM is for Registration devices), so the desk
 * shows a progress state while the device captures and each attempt's quality — never an image.
 */
export function CapturePanel({ application }: { application: Assisted }) {
  const { t } = useTranslation();
  const [refresh, setRefresh] = useState(false);
  const devices = useRecord('assisted.devices', { refresh });
  const settings = useRecord('assisted.settings', {});
  const capture = useCommand('assisted.capture');
  const exceptions = useCommand('assisted.setExceptions');
  const [chosen, setChosen] = useState<string>('');
  const [capturing, setCapturing] = useState<Modality | null>(null);
  const list = devices.data?.devices ?? [];
  const usable = (d: Device, m: string) => d.modality === m && d.refusal === null;
  // Each modality captures on a device of its own kind: the one the officer chose, else the first usable.
  const deviceFor = (m: string) =>
    list.find((d) => `${d.port}/${d.deviceId}` === chosen && usable(d, m)) ?? list.find((d) => usable(d, m));
  const selected = list.find((d) => `${d.port}/${d.deviceId}` === chosen) ?? list.find((d) => d.refusal === null);
  const modalities = settings.data?.modalities ?? [];
  const missing = new Set(application.exceptions);
  const toggle = (finger: string) => {
    const next = new Set(missing);
    if (next.has(finger)) next.delete(finger);
    else next.add(finger);
    void exceptions.run({
      assistedId: application.assistedId,
      exceptions: [...next] as Array<(typeof FINGER_NAMES)[number]>,
    });
  };
  return (
    <div className="panel space-y-3 p-4" data-testid="assisted-capture-panel">
      <h2 className="font-semibold">{t('assisted.device')}</h2>
      <FormError error={devices.error} />
      <ul className="space-y-1" data-testid="assisted-devices">
        {list.map((d) => (
          <li
            key={`${d.port}/${d.deviceId}`}
            className="flex flex-wrap items-center gap-2 text-sm"
            data-testid="assisted-device"
            data-device={d.deviceId}
          >
            <input
              type="radio"
              name="device"
              disabled={d.refusal !== null}
              checked={selected === d}
              onChange={() => setChosen(`${d.port}/${d.deviceId}`)}
              aria-label={`${d.modality} ${d.serialNo ?? d.deviceId}`}
            />
            <span>
              {d.modality} · <span dir="ltr">{d.serialNo ?? d.deviceId}</span> · {d.deviceStatus}
            </span>
            {d.refusal ? (
              <span className="text-bad-fg" data-testid="assisted-device-refusal">
                {t(`errors.${d.refusal.code}`)}{' '}
                <span dir="ltr" className="text-xs">
                  ({d.refusal.reason})
                </span>
              </span>
            ) : null}
          </li>
        ))}
        {list.length === 0 && devices.data ? (
          <li className="text-sm" data-testid="assisted-no-device">
            {t('assisted.noDevice')}
          </li>
        ) : null}
      </ul>
      <button
        type="button"
        className="btn"
        data-testid="assisted-rescan"
        onClick={() => {
          setRefresh(true);
          void devices.refetch?.();
        }}
      >
        {t('assisted.rescan')}
      </button>
      <p className="text-xs text-slate-600">{t('assisted.noPreview')}</p>
      {modalities.some((m) => m.modality === 'Finger') ? (
        <fieldset className="text-sm">
          <legend>{t('assisted.missingFingers')}</legend>
          <div className="flex flex-wrap gap-3">
            {FINGER_NAMES.map((f) => (
              <label key={f} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={missing.has(f)}
                  data-testid="assisted-exception"
                  data-finger={f}
                  onChange={() => toggle(f)}
                />
                <span>{t(`assisted.fingers.${fingerKey(f)}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <FormError error={capture.error ?? exceptions.error} />
      <ErrorDetail error={capture.error} />
      {modalities.map((m) => {
        const attempts = application.attempts.filter((a) => a.modality === m.modality);
        const left = m.maxAttempts - attempts.length;
        const device = deviceFor(m.modality);
        const busy = capture.pending && capturing === m.modality;
        return (
          <div key={m.modality} className="space-y-1" data-testid="assisted-modality" data-modality={m.modality}>
            <p className="text-sm font-semibold">
              {t(`assisted.modalities.${m.modality}`)} · {t('assisted.threshold', { threshold: m.threshold })} ·{' '}
              {t('assisted.attemptsLeft', { count: left })}
            </p>
            <ul className="text-sm">
              {attempts.map((a) => (
                <li key={a.attempt} data-testid="assisted-attempt" data-passed={a.passed}>
                  {t('assisted.attempt', {
                    n: a.attempt,
                    quality: a.quality ?? '—',
                    threshold: a.threshold,
                  })}{' '}
                  · {a.passed ? t('assisted.passed') : t('assisted.belowThreshold')}
                  <meter
                    aria-label={t('assisted.qualityOf', { n: a.attempt })}
                    className="ms-2 align-middle"
                    min={0}
                    max={100}
                    low={a.threshold}
                    optimum={100}
                    value={a.quality ?? 0}
                  />
                </li>
              ))}
            </ul>
            {busy ? (
              <p role="status" className="flex items-center gap-2 text-sm" data-testid="assisted-capturing">
                <progress aria-label={t('assisted.capturing')} />
                {t('assisted.capturingHint', { modality: t(`assisted.modalities.${m.modality}`) })}
              </p>
            ) : null}
            {!device && devices.data ? (
              <p className="text-sm" data-testid="assisted-no-device-for">
                {t('assisted.noDeviceFor', { modality: t(`assisted.modalities.${m.modality}`) })}
              </p>
            ) : null}
            <button
              type="button"
              className="btn btn-primary"
              disabled={capture.pending || !device || left <= 0}
              data-testid="assisted-capture"
              onClick={() => {
                if (!device) return;
                setCapturing(m.modality);
                void capture.run({
                  assistedId: application.assistedId,
                  port: device.port,
                  deviceId: device.deviceId,
                  modality: m.modality,
                });
              }}
            >
              {busy ? t('assisted.capturing') : attempts.length > 0 ? t('assisted.retry') : t('assisted.capture')}
            </button>
          </div>
        );
      })}
    </div>
  );
}
