import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../contract.ts';
import { fetchOnce } from '../../data/fetchOnce.ts';
import { FormError } from '../../components/FormError.tsx';
import { useDownload } from '../../hooks/useDownload.ts';
import { bytesToBase64 } from '../../lib/base64.ts';
import { isFinal, useBench, type BenchTarget } from '../../stores/bench.ts';
import { useVirtualSbi } from '../../stores/hardware.ts';
import { Modal } from '../../components/Modal.tsx';
import { BenchResults } from './BenchResults.tsx';
import { Note, Section, useDeviceStatusText } from './parts.tsx';
import { actOnVirtualDevice } from './virtualPrompt.ts';

const utf8Base64 = (text: string) => bytesToBase64(new TextEncoder().encode(text));

/** Run / Cancel, the progress bar, the results and the two exports (JSON, printable HTML). */
export function RunPanel({ target, running }: { target: BenchTarget | null; running: boolean }) {
  const { t } = useTranslation();
  const { target: ran, taskId, progress, report, runState, runError, error, pending, start, cancel } = useBench();
  // A finished run of another device or purpose is not this choice's result.
  const shown =
    running ||
    !ran ||
    !target ||
    (ran.port === target.port && ran.deviceId === target.deviceId && ran.purpose === target.purpose);
  const { download, busy: exporting, error: exportError } = useDownload();
  const state = runState && isFinal(runState) ? runState : (progress?.state ?? runState);
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  const stamp = report?.startedAt.replace(/[:.]/g, '-') ?? 'report';
  const name = `sbi-bench-${ran?.deviceId ?? report?.device.devices[0]?.deviceId ?? 'device'}-${stamp}`;
  return (
    <Section
      title={t('hardware.bench.run.title')}
      testId="bench-run"
      actions={
        <div className="flex flex-wrap gap-2">
          {running ? (
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => void cancel()}
              disabled={pending === 'cancel'}
              aria-busy={pending === 'cancel'}
              data-testid="bench-cancel"
            >
              {t('hardware.bench.run.cancel')}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => target && void start(target)}
              disabled={!target || pending === 'start'}
              aria-busy={pending === 'start'}
              data-testid="bench-start"
            >
              {t('hardware.bench.run.start')}
            </button>
          )}
        </div>
      }
    >
      <FormError error={error ?? exportError} />
      {shown && taskId && progress ? (
        <div className="space-y-1" data-testid="bench-progress-panel">
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span className="font-semibold" data-testid="bench-state" data-state={state}>
              {state ? t(`hardware.bench.state.${state}`) : ''}
            </span>
            <span className="text-slate-600" data-testid="bench-count">
              {t('hardware.bench.run.count', { done, total })}
            </span>
            {running && progress.label ? <bdi className="text-slate-600">{progress.label}</bdi> : null}
          </div>
          <div
            role="progressbar"
            aria-label={t('hardware.bench.run.title')}
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={done}
            className="h-3 overflow-hidden rounded-full bg-slate-200"
            data-testid="bench-progress"
          >
            <div
              className={`h-full rounded-full transition-all ${state === 'failed' ? 'bg-bad-fg' : 'bg-brand-600'}`}
              style={{ width: `${percent}%` }}
            />
          </div>
        </div>
      ) : null}
      {shown && state === 'failed' && runError ? (
        <Note tone="bad" testId="bench-failed">
          <bdi>{runError}</bdi>
        </Note>
      ) : null}
      {shown && state === 'cancelled' ? (
        <Note tone="wait" testId="bench-cancelled">
          {t('hardware.bench.run.cancelledNote')}
        </Note>
      ) : null}
      {shown && report ? <BenchResults report={report} /> : null}
      {shown && report && taskId && !running ? (
        <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-3">
          <button
            type="button"
            className="btn btn-secondary"
            disabled={exporting !== null}
            onClick={() =>
              void download('json', async () => ({
                fileName: `${name}.json`,
                mimeType: 'application/json',
                contentBase64: utf8Base64(JSON.stringify(report, null, 2)),
              }))
            }
            data-testid="bench-export-json"
          >
            {t('hardware.bench.export.json')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={exporting !== null}
            aria-busy={exporting === 'html'}
            onClick={() =>
              void download('html', async () => {
                const r = await fetchOnce('sbi.bench.report', { taskId, format: 'html' });
                return {
                  fileName: `${name}.html`,
                  mimeType: 'text/html',
                  contentBase64: utf8Base64(r.html ?? ''),
                };
              })
            }
            data-testid="bench-export-html"
          >
            {t('hardware.bench.export.html')}
          </button>
        </div>
      ) : null}
    </Section>
  );
}

type PromptAction = NonNullable<EventPayload<'task.progress'>['promptAction']>;

/** The prompt in the user's language, from the action the core describes as data. */
function promptText(t: TFunction, statusText: (s: string) => string, a: PromptAction): string {
  const status = a.status ? statusText(a.status) : '';
  const vars = { deviceId: a.deviceId, status, seconds: Math.ceil((a.timeoutMs ?? 0) / 1000) };
  if (a.kind === 'set-status') return t('hardware.bench.prompt.action.setStatus', vars);
  if (a.kind === 'rotate-keys') return t('hardware.bench.prompt.action.rotateKeys', vars);
  if (a.kind === 'withhold-input') return t('hardware.bench.prompt.action.withholdInput', vars);
  return t(a.status ? 'hardware.bench.prompt.action.restoreStatus' : 'hardware.bench.prompt.action.restore', vars);
}

/**
 * The bench waits for the tester (e.g. put the device in Busy): Done goes on, Skip skips the case.
 * On the virtual SBI the dialog says where its controls are and can carry the step out itself.
 */
export function PromptDialog({ virtual }: { virtual: boolean }) {
  const { t } = useTranslation();
  const { progress, promptSeq, pending, error, answer, cancel } = useBench();
  const statusText = useDeviceStatusText();
  const virtualError = useVirtualSbi((s) => s.error);
  const [acting, setActing] = useState(false);
  const busy = pending !== null || acting;
  const action = progress?.promptAction ?? null;
  async function actForMe(a: NonNullable<typeof action>) {
    setActing(true);
    try {
      if (await actOnVirtualDevice(a)) await answer('done');
    } finally {
      setActing(false);
    }
  }
  return (
    <Modal title={t('hardware.bench.prompt.title')} onClose={() => undefined} busy testId="bench-prompt">
      <p className="mt-2 font-medium text-slate-900" data-testid="bench-prompt-text" data-seq={promptSeq}>
        {progress?.promptAction ? (
          promptText(t, statusText, progress.promptAction)
        ) : (
          <bdi>{progress?.prompt ?? progress?.label}</bdi>
        )}
      </p>
      <p className="mt-2 text-sm text-slate-600" data-testid="bench-prompt-how">
        {virtual && action ? t('hardware.bench.prompt.howVirtual') : t('hardware.bench.prompt.howReal')}
      </p>
      <p className="mt-2 text-sm text-slate-600">{t('hardware.bench.prompt.help')}</p>
      <div className="mt-3">
        <FormError error={error ?? (virtual ? virtualError : null)} />
      </div>
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <button
          type="button"
          className="btn btn-quiet"
          onClick={() => void cancel()}
          disabled={busy}
          data-testid="bench-prompt-cancel"
        >
          {t('hardware.bench.run.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => void answer('skip')}
          disabled={busy}
          data-testid="bench-prompt-skip"
        >
          {t('hardware.bench.prompt.skip')}
        </button>
        {virtual && action ? (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void actForMe(action)}
            disabled={busy}
            aria-busy={acting}
            data-testid="bench-prompt-act"
          >
            {t('hardware.bench.prompt.actForMe')}
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void answer('done')}
          disabled={busy}
          aria-busy={pending === 'answer'}
          data-testid="bench-prompt-done"
        >
          {t('hardware.bench.prompt.done')}
        </button>
      </div>
    </Modal>
  );
}
