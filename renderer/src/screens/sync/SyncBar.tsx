import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import { useErrorText } from '../../lib/errorText.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import { useUi } from '../../stores/ui.ts';
import { SyncProgressBar } from './SyncProgressBar.tsx';
import { SyncSignInDialog } from './SyncSignInDialog.tsx';
import { timeLeft, useCodeText, useNow, useSyncStatus } from './useSyncStatus.ts';

const TONE = {
  online: 'bg-ok-bg text-ok-fg',
  offline: 'bg-off-bg text-off-fg',
  signInNeeded: 'bg-wait-bg text-wait-fg',
  frozen: 'bg-bad-bg text-bad-fg',
  syncing: 'bg-info-bg text-info-fg',
} as const;

/**
 * Under the header of a desk joined to a server: online / offline / syncing / sign-in needed /
 * frozen, the pending and refused counts (to the queue), the last sync, the freeze countdown,
 * "Sync now", and while a round runs its progress and "Cancel". Absent on a standalone desk
 * and in the browser against the server.
 */
export function SyncBar() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const { message } = useErrorText();
  const codeText = useCodeText();
  const status = useSyncStatus();
  const now = useNow(30_000);
  const syncNow = useCommand('sync.now');
  const cancel = useCommand('sync.cancel');
  const [signingIn, setSigningIn] = useState(false);
  if (!status || status.state === 'standalone') return null;

  const shown = status.syncing ? 'syncing' : status.state;
  const left = status.freezesAt && status.state !== 'frozen' ? timeLeft(status.freezesAt, now) : null;
  const error = syncNow.error ?? cancel.error;
  return (
    <section
      aria-label={t('sync.bar.label')}
      className="border-b border-slate-200 bg-slate-50 text-slate-800"
      data-testid="sync-bar"
      data-state={shown}
    >
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-1.5 text-sm sm:px-6">
        <span
          role="status"
          className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${TONE[shown]}`}
          data-testid="sync-state"
        >
          {t(`sync.state.${shown}`)}
        </span>
        <Link
          to="/sync"
          className="underline-offset-2 hover:underline"
          data-testid="sync-pending"
          data-count={status.pending}
        >
          {t('sync.bar.pending', { count: status.pending })}
        </Link>
        <Link
          to="/sync"
          className={`underline-offset-2 hover:underline ${status.conflicts > 0 ? 'font-semibold text-bad-fg' : ''}`}
          data-testid="sync-conflicts"
          data-count={status.conflicts}
        >
          {t('sync.bar.conflicts', { count: status.conflicts })}
        </Link>
        <span className="text-slate-600" data-testid="sync-last">
          {status.lastSyncAt
            ? t('sync.bar.lastSync', { time: formatDateTime(status.lastSyncAt, lang) })
            : t('sync.bar.never')}
        </span>
        {left ? (
          <span className="text-wait-fg" data-testid="sync-freeze-countdown">
            {t('sync.bar.freezesIn', { time: t('sync.bar.countdown', left) })}
          </span>
        ) : null}
        {status.state === 'frozen' ? (
          <span className="font-semibold text-bad-fg" data-testid="sync-frozen">
            {t('sync.bar.frozen', { days: status.freezeDays })}
          </span>
        ) : null}
        {status.syncing ? (
          <SyncProgressBar
            progress={status.progress}
            label={
              status.progress?.firstSync
                ? t('sync.bar.firstSync')
                : status.progress?.phase === 'push'
                  ? t('sync.bar.push')
                  : t('sync.bar.pull')
            }
            testId="sync-progress"
          />
        ) : null}
        {status.paused && !status.syncing ? (
          <span className="text-wait-fg" data-testid="sync-paused">
            {t('sync.bar.paused')}
          </span>
        ) : null}
        {status.state === 'offline' && status.lastError ? (
          <span className="text-slate-600" data-testid="sync-last-error" data-code={status.lastError}>
            {t('sync.bar.lastError', { message: codeText(status.lastError) })}
          </span>
        ) : null}
        <div className="ms-auto flex items-center gap-2">
          {status.state === 'signInNeeded' ? (
            <button
              type="button"
              className="btn btn-primary px-3 py-1 text-xs"
              onClick={() => setSigningIn(true)}
              data-testid="sync-signin"
            >
              {t('sync.bar.signIn')}
            </button>
          ) : null}
          {status.syncing ? (
            <button
              type="button"
              className="btn btn-secondary px-3 py-1 text-xs"
              onClick={() => void cancel.run({})}
              disabled={cancel.pending}
              data-testid="sync-cancel"
            >
              {t('sync.bar.cancel')}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-secondary px-3 py-1 text-xs"
              onClick={() => {
                cancel.reset();
                void syncNow.run({});
              }}
              disabled={syncNow.pending || status.state === 'signInNeeded'}
              aria-busy={syncNow.pending}
              data-testid="sync-now"
            >
              {t('sync.bar.syncNow')}
            </button>
          )}
          <Link to="/sync" className="btn btn-quiet px-2 py-1 text-xs" data-testid="sync-queue-link">
            {t('sync.bar.queue')}
          </Link>
        </div>
      </div>
      {error && !syncNow.pending ? (
        <p
          role="alert"
          className="mx-auto max-w-7xl px-4 pb-1.5 text-xs text-bad-fg sm:px-6"
          data-testid="sync-error"
          data-code={error.code}
        >
          {error.code} — {message(error)}
        </p>
      ) : null}
      {signingIn ? <SyncSignInDialog onClose={() => setSigningIn(false)} /> : null}
    </section>
  );
}
