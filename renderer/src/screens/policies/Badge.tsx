import { useTranslation } from 'react-i18next';

type Tone = 'ok' | 'bad' | 'wait' | 'off';
const TONE_CLASS: Record<Tone, string> = {
  ok: 'bg-ok-bg text-ok-fg',
  bad: 'bg-bad-bg text-bad-fg',
  wait: 'bg-wait-bg text-wait-fg',
  off: 'bg-off-bg text-off-fg',
};

/** Every state the admin lists of issue 4 show, with MOSIP's colours (pms.md §5.5). */
export type AdminStatus =
  'draft' | 'activated' | 'deactivated' | 'uploaded' | 'not_uploaded' | 'InProgress' | 'approved' | 'rejected';

const TONE: Record<AdminStatus, Tone> = {
  draft: 'wait',
  activated: 'ok',
  deactivated: 'off',
  uploaded: 'ok',
  not_uploaded: 'off',
  InProgress: 'wait',
  approved: 'ok',
  rejected: 'bad',
};

export function AdminBadge({ status, testId }: { status: AdminStatus; testId?: string }) {
  const { t } = useTranslation();
  const label =
    status === 'InProgress' || status === 'approved' || status === 'rejected'
      ? t(`status.${status}`)
      : t(`policies.statuses.${status}`);
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ${TONE_CLASS[TONE[status]]}`}
    >
      {label}
    </span>
  );
}
