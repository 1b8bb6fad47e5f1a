import { useTranslation } from 'react-i18next';
import type { QueueItemView } from '../../contract.ts';

const TONE = {
  pending: 'bg-wait-bg text-wait-fg',
  applied: 'bg-ok-bg text-ok-fg',
  conflict: 'bg-bad-bg text-bad-fg',
} as const;

export function SyncBadge({ status }: { status: QueueItemView['status'] }) {
  const { t } = useTranslation();
  return (
    <span
      data-testid="queue-status"
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ${TONE[status]}`}
    >
      {t(`sync.queue.statuses.${status}`)}
    </span>
  );
}
