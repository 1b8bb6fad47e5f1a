import { useTranslation } from 'react-i18next';
import { StatusBadge } from './StatusBadge.tsx';

const DAY_MS = 86_400_000;
/** A certificate this close to its end is shown amber, with the days left (keymanager renews a year at a time). */
export const EXPIRY_WARNING_DAYS = 30;

/** Whole days left before `expiry` (rounded up: 1 while less than a day is left); ≤ 0 once expired. */
export function daysLeft(expiry: string, now: number): number {
  return Math.ceil((Date.parse(expiry) - now) / DAY_MS);
}

interface ValidityBadgeProps {
  /** The certificate's notAfter. */
  expiry: string;
  /** The core's verdict, on its clock; the days left only tell valid from "expires in N days". */
  expired: boolean;
  /** The moment the screen compares with (the time the data was shown). */
  now: number;
  testId?: string;
}

/** Valid (green), "Expires in N days" (amber) in the last 30 days, Expired (red). */
export function ValidityBadge({ expiry, expired, now, testId }: ValidityBadgeProps) {
  const { t } = useTranslation();
  const left = daysLeft(expiry, now);
  if (expired) return <StatusBadge status="expired" testId={testId} />;
  if (left > EXPIRY_WARNING_DAYS || left <= 0) return <StatusBadge status="valid" testId={testId} />;
  return (
    <span
      data-testid={testId}
      data-status="expiring"
      data-days={left}
      className="inline-flex items-center whitespace-nowrap rounded-full bg-wait-bg px-2.5 py-0.5 text-xs font-semibold text-wait-fg"
    >
      {t('validity.expiresIn', { count: left })}
    </span>
  );
}
