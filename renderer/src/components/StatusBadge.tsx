import { useTranslation } from 'react-i18next';
import type en from '../i18n/en.ts';

export type Status = keyof typeof en.status;

type Tone = 'ok' | 'bad' | 'wait' | 'off' | 'info';

/** One colour per meaning, as the MOSIP portal (pms.md §5.5). */
const TONE: Record<Status, Tone> = {
  admin: 'info',
  InProgress: 'wait',
  approved: 'ok',
  active: 'ok',
  success: 'ok',
  rejected: 'bad',
  failure: 'bad',
  deactivated: 'off',
  valid: 'ok',
  expired: 'bad',
};

const TONE_CLASS: Record<Tone, string> = {
  ok: 'bg-ok-bg text-ok-fg',
  bad: 'bg-bad-bg text-bad-fg',
  wait: 'bg-wait-bg text-wait-fg',
  off: 'bg-off-bg text-off-fg',
  info: 'bg-info-bg text-info-fg',
};

interface StatusBadgeProps {
  status: Status;
  testId?: string;
}

export function StatusBadge({ status, testId }: StatusBadgeProps) {
  const { t } = useTranslation();
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ${TONE_CLASS[TONE[status]]}`}
    >
      {t(`status.${status}`)}
    </span>
  );
}
