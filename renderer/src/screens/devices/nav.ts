import type { CardId } from '../../contract.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** Badge text of the sbiDevice/ftmChip cards: admin pending requests ("N SBI and M device requests are pending"), provider expiry. */
export function deviceCardTitle(
  id: CardId,
  count: number,
  isAdmin: boolean,
  breakdown: Record<string, number> | undefined,
  t: T,
): string | null {
  if (id !== 'sbiDevice' && id !== 'ftmChip') return null;
  if (!isAdmin) return t(`devices.counts.${id}`, { count });
  if (id === 'ftmChip') return t('devices.counts.adminFtmChip', { n: count });
  return t('devices.counts.adminSbiDevice', {
    sbi: breakdown?.sbi ?? 0,
    device: breakdown?.device ?? 0,
  });
}
