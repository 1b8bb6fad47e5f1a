import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { isErrorCode } from '../../contract.ts';

/** Refusals worth telling the user about at once (a tampered or replayed feed, a bad download, a downgrade). */
const SHOWN: ReadonlySet<string> = new Set(['PD_UPDATE_010', 'PD_UPDATE_011', 'PD_UPDATE_012', 'PD_UPDATE_015']);

/**
 * The desk's update bar under the header: an update with its release notes, the download with its
 * progress and cancel, "restart to install" (the core first sends or pauses the sync queue).
 * Nothing shows where this host installs nothing (a browser page) or when there is nothing to say.
 */
export function UpdateBanner() {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const status = useRecord('updates.status', {}, { pollMs: 60_000 });
  const phase = status.data?.phase;
  // Progress is polled while a download runs (no event carries it).
  const live = useRecord('updates.status', phase === 'downloading' || phase === 'installing' ? {} : null, {
    pollMs: 1000,
  });
  const state = (phase === 'downloading' || phase === 'installing' ? live.data : null) ?? status.data;
  const download = useCommand('updates.download');
  const cancel = useCommand('updates.cancel');
  const install = useCommand('updates.install');
  if (!state?.supported) return null;
  const version = state.available?.version ?? '';
  const after = () => status.refetch();
  const error = install.error ?? download.error ?? cancel.error;
  const refusal = state.lastError && SHOWN.has(state.lastError.code) ? state.lastError : null;
  if (dismissed !== null && dismissed === `${state.phase}:${version}:${refusal?.at ?? ''}`) return null;
  if (
    state.phase !== 'available' &&
    state.phase !== 'downloading' &&
    state.phase !== 'downloaded' &&
    state.phase !== 'installing' &&
    !refusal &&
    !error
  )
    return null;

  return (
    <section
      aria-live="polite"
      className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm sm:px-6"
      data-testid="update-banner"
    >
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3">
        {state.phase === 'available' ? (
          <>
            <span data-testid="update-available">
              {t('updates.banner.available', { version, running: state.runningVersion ?? '' })}
            </span>
            <button
              type="button"
              className="btn btn-primary"
              disabled={download.pending}
              onClick={() => void download.run({}).then(after)}
              data-testid="update-download"
            >
              {t('updates.banner.download')}
            </button>
          </>
        ) : null}
        {state.phase === 'downloading' ? (
          <>
            <label className="flex items-center gap-2">
              <span>
                {t('updates.banner.downloading', {
                  version,
                  percent: state.progress?.percent ?? 0,
                })}
              </span>
              <progress max={100} value={state.progress?.percent ?? 0} className="w-40" />
            </label>
            <button
              type="button"
              className="btn"
              disabled={cancel.pending}
              onClick={() => void cancel.run({}).then(after)}
              data-testid="update-cancel"
            >
              {t('updates.banner.cancel')}
            </button>
          </>
        ) : null}
        {state.phase === 'downloaded' ? (
          <>
            <span data-testid="update-downloaded">{t('updates.banner.downloaded', { version })}</span>
            <button
              type="button"
              className="btn btn-primary"
              disabled={install.pending}
              onClick={() => void install.run({}).then(after)}
              data-testid="update-restart"
            >
              {t('updates.banner.restart')}
            </button>
          </>
        ) : null}
        {state.phase === 'installing' ? <span>{t('updates.banner.installing')}</span> : null}
        {refusal ? (
          <span role="alert" className="text-bad-fg" data-testid="update-refused">
            {t('updates.banner.refused', {
              message: isErrorCode(refusal.code) ? t(`errors.${refusal.code}`) : refusal.message,
            })}
          </span>
        ) : null}
        {error ? (
          <span role="alert" className="text-bad-fg">
            {t(`errors.${error.code}`)}
          </span>
        ) : null}
        <button
          type="button"
          className="btn ms-auto"
          onClick={() => setDismissed(`${state.phase}:${version}:${refusal?.at ?? ''}`)}
        >
          {t('updates.banner.dismiss')}
        </button>
      </div>
      {state.available?.releaseNotes && state.phase !== 'installing' ? (
        <details className="mx-auto mt-1 max-w-7xl">
          <summary className="cursor-pointer">{t('updates.banner.notes')}</summary>
          <p className="whitespace-pre-wrap ps-4" data-testid="update-notes">
            {state.available.releaseNotes}
          </p>
        </details>
      ) : null}
    </section>
  );
}
