import { useTranslation } from 'react-i18next';
import type { SyncActivityView } from '../../contract.ts';

/** How far a round is: a determinate bar once the server named its head, a busy one before. */
export function SyncProgressBar({
  progress,
  label,
  testId,
}: {
  progress: SyncActivityView['progress'];
  label: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const total = progress?.total ?? null;
  const done = progress ? Math.min(progress.done, total ?? progress.done) : 0;
  const text = total !== null && total > 0 ? t('sync.bar.progress', { done, total }) : t('sync.bar.progressUnknown');
  return (
    <div
      className="flex min-w-0 items-center gap-2"
      data-testid={testId}
      data-phase={progress?.phase ?? ''}
      data-first-sync={String(progress?.firstSync ?? false)}
    >
      <progress
        className="h-2 w-32 shrink-0"
        value={total ? done : undefined}
        max={total || undefined}
        aria-label={label}
      />
      <span className="truncate text-xs" data-testid={`${testId}-text`}>
        {label}: {text}
      </span>
    </div>
  );
}
