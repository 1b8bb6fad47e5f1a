import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isErrorCode, type Output } from '../../contract.ts';
import { useRecord } from '../../data/useRecord.ts';
import { invalidateMethods } from '../../data/queryClient.ts';
import { useEvent } from '../../hooks/useEvent.ts';

export type SyncStatus = Output<'sync.status'>;

/**
 * The desk's sync status. Local changes refetch it through the data topics (the contract's
 * `reads`); the sync client's rounds, which change no topic when nothing new came, through the
 * `sync.activity` event.
 */
export function useSyncStatus(): SyncStatus | undefined {
  const status = useRecord('sync.status', {});
  useEvent('sync.activity', () => void invalidateMethods(['sync.status', 'sync.queue']));
  return status.data;
}

/** The current time, ticking every `ms` (a countdown). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Days, hours and minutes until `iso` (never negative). */
export function timeLeft(iso: string, now: number): { days: number; hours: number; minutes: number } {
  const minutes = Math.max(0, Math.floor((Date.parse(iso) - now) / 60_000));
  return {
    days: Math.floor(minutes / 1440),
    hours: Math.floor((minutes % 1440) / 60),
    minutes: minutes % 60,
  };
}

export const SYNC_CODES = [
  'PD_SYNC_001',
  'PD_SYNC_002',
  'PD_SYNC_003',
  'PD_SYNC_004',
  'PD_SYNC_005',
  'PD_SYNC_006',
  'PD_SYNC_007',
  'PD_SYNC_008',
  'PD_SYNC_009',
  'PD_SYNC_010',
  'PD_SYNC_011',
  'PD_SYNC_012',
  'PD_SYNC_013',
] as const;
export type SyncCode = (typeof SYNC_CODES)[number];

export function isSyncCode(code: string | null | undefined): code is SyncCode {
  return (SYNC_CODES as readonly string[]).includes(code ?? '');
}

/** A code the server or the desk recorded, in the user's language; an unknown one (a newer server's) as given. */
export function useCodeText(): (code: string, fallback?: string | null) => string {
  const { t } = useTranslation();
  return (code, fallback) => (isErrorCode(code) ? t(`errors.${code}`) : (fallback ?? code));
}
