import type { CardId, UserProfile } from '../../contract.ts';

/** Dashboard cards of issue 5 that lead somewhere, per side. */
export const DEVICE_PARTNER_CARD_ROUTES: Partial<Record<CardId, string>> = { sbiDevice: '/provider/sbis', ftmChip: '/provider/ftm' };
export const DEVICE_ADMIN_CARD_ROUTES: Partial<Record<CardId, string>> = { sbiDevice: '/admin/sbi-devices', ftmChip: '/admin/ftm' };

type NavKey = 'sbis' | 'ftm' | 'adminSbiDevices' | 'adminFtm';

/** Header entries: the provider's own lists, the admin's review lists. */
export function devicesNav(user: UserProfile): [string, NavKey][] {
  if (user.isAdmin) return user.roles.includes('PARTNER_ADMIN') ? [['/admin/sbi-devices', 'adminSbiDevices'], ['/admin/ftm', 'adminFtm']] : [];
  const type = user.partner?.partnerType;
  if (type === 'Device_Provider') return [['/provider/sbis', 'sbis']];
  if (type === 'FTM_Provider') return [['/provider/ftm', 'ftm']];
  return [];
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** Badge text of the sbiDevice/ftmChip cards: admin pending requests ("N SBI and M device requests are pending"), provider expiry. */
export function deviceCardTitle(id: CardId, count: number, isAdmin: boolean, breakdown: Record<string, number> | undefined, t: T): string | null {
  if (id !== 'sbiDevice' && id !== 'ftmChip') return null;
  if (!isAdmin) return t(`devices.counts.${id}`, { count });
  if (id === 'ftmChip') return t('devices.counts.adminFtmChip', { n: count });
  return t('devices.counts.adminSbiDevice', { sbi: breakdown?.sbi ?? 0, device: breakdown?.device ?? 0 });
}
