import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { perform } from '../../data/useCommand.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { FormError } from '../../components/FormError.tsx';
import { useEvent } from '../../hooks/useEvent.ts';
import { useHardware } from '../../stores/hardware.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { subIdsOf } from '../../lib/sbiDevice.ts';
import { Note, useDeviceParams } from './parts.tsx';

type Phase = 'starting' | 'live' | 'stopped' | 'failed';

/** Frames of one stream: the latest image, how many arrived, and the device's highest sequence number. */
interface Frames {
  src: string | null;
  count: number;
  seq: number;
}
const NO_FRAMES: Frames = { src: null, count: 0, seq: -1 };
interface View {
  key: string;
  phase: Phase;
  error: ApiError | null;
  frames: Frames;
}
const fresh = (key: string): View => ({ key, phase: 'starting', error: null, frames: NO_FRAMES });

/**
 * STREAM of a registration device (sbi.md §1.7). The core parses the M-JPEG and pushes each frame
 * as base64 JPEG; a data: URL is what the page's CSP already allows for images (img-src 'self' data:).
 * The stream starts on mount and is stopped on unmount, also when the start answer comes late.
 */
export function LiveViewScreen() {
  const { t } = useTranslation();
  const { port, deviceId } = useDeviceParams();
  const discovery = useHardware((s) => s.sbi);
  const known = discovery.data?.devices.find((d) => d.port === port && d.deviceId === deviceId);
  const subIds = subIdsOf(known);
  const [chosenSub, setSubId] = useState<string | null>(null);
  const subId = chosenSub ?? subIds[0] ?? '1';
  // The sub-device ids follow from the device's subtype, so the stream waits for a discovery.
  const ready = discovery.data !== null || discovery.error !== null;
  useEffect(() => {
    if (!ready) void useHardware.getState().loadSbi(false);
  }, [ready]);
  const [run, setRun] = useState(0);
  const key = `${port}/${deviceId}/${subId}/${run}`;
  // One view per start: a new sub-device or "Start again" begins from nothing.
  const [view, setView] = useState<View>(fresh(''));
  const { phase, error, frames } = view.key === key ? view : fresh(key);
  const streamId = useRef<string | null>(null);
  const update = (patch: Partial<View>) => setView((v) => ({ ...(v.key === key ? v : fresh(key)), ...patch }));

  useEffect(() => {
    if (port === null || !deviceId || !ready) return;
    let live = true;
    let started: string | null = null;
    const mine = (patch: Partial<View>) => setView((v) => ({ ...(v.key === key ? v : fresh(key)), ...patch }));
    perform('sbi.stream.start', { port, deviceId, deviceSubId: subId }).then(
      ({ streamId: id }) => {
        started = id;
        if (!live) return void perform('sbi.stream.stop', { streamId: id }).catch(() => undefined);
        streamId.current = id;
        mine({ phase: 'live' });
      },
      (e: unknown) => live && mine({ error: toApiError(e), phase: 'failed' }),
    );
    return () => {
      live = false;
      streamId.current = null;
      if (started) void perform('sbi.stream.stop', { streamId: started }).catch(() => undefined);
    };
  }, [key, port, deviceId, subId, ready]);

  useEvent('sbi.frame', (frame) => {
    if (frame.streamId !== streamId.current) return;
    setView((v) =>
      v.key === key
        ? {
            ...v,
            frames: {
              src: `data:image/jpeg;base64,${frame.jpeg}`,
              count: v.frames.count + 1,
              seq: Math.max(v.frames.seq, frame.seq),
            },
          }
        : v,
    );
  });

  async function stop() {
    const id = streamId.current;
    streamId.current = null;
    update({ phase: 'stopped' });
    if (id) await perform('sbi.stream.stop', { streamId: id }).catch((e: unknown) => update({ error: toApiError(e) }));
  }

  const phaseText = {
    starting: t('hardware.live.starting'),
    live: t('hardware.live.live'),
    stopped: t('hardware.live.stopped'),
    failed: t('hardware.live.failed'),
  }[phase];
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <PageHeader
        title={t('hardware.live.title')}
        description={t('hardware.live.description', { deviceId, port: port ?? '—' })}
        back={{ to: '/hardware', label: t('hardware.title') }}
      />
      {port === null || !deviceId ? <Note tone="bad">{t('hardware.onboard.noDevice')}</Note> : null}
      <div className="panel space-y-3 p-5">
        <div className="flex flex-wrap items-center gap-3">
          <span role="status" className="font-semibold" data-testid="live-phase" data-phase={phase}>
            {phaseText}
          </span>
          <span className="text-sm text-slate-600" data-testid="live-count" data-count={frames.count}>
            {t('hardware.live.frames', { n: frames.count })}
          </span>
          <label className="ms-auto flex items-center gap-2 text-sm">
            {t('hardware.live.subId')}
            <select
              className="field-input w-auto"
              value={subId}
              onChange={(e) => setSubId(e.target.value)}
              data-testid="live-subid"
            >
              {subIds.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
          {phase === 'live' || phase === 'starting' ? (
            <button type="button" className="btn btn-secondary" onClick={() => void stop()} data-testid="live-stop">
              {t('hardware.live.stop')}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setRun((n) => n + 1)}
              data-testid="live-restart"
            >
              {t('hardware.live.restart')}
            </button>
          )}
        </div>
        <FormError error={error} />
        <div className="grid min-h-[18rem] place-items-center overflow-hidden rounded-md bg-slate-900">
          {frames.src ? (
            <img
              src={frames.src}
              alt={t('hardware.live.alt', { deviceId })}
              className="max-h-[60vh] w-auto"
              data-testid="live-frame"
              data-seq={frames.seq}
            />
          ) : (
            <p className="p-6 text-slate-200">{phase === 'failed' ? phaseText : t('hardware.live.waiting')}</p>
          )}
        </div>
      </div>
    </div>
  );
}
