/** Routes of device providers and FTM chip providers (issue 5), merged into routes.ts. */
export const DEVICE_ROUTES = {
  '/provider/sbis': 'sbis',
  '/provider/sbis/add': 'addSbi',
  '/provider/sbis/added': 'sbiAdded',
  '/provider/sbis/add-devices': 'addDevices',
  '/provider/sbis/devices': 'sbiDevices',
  '/provider/sbis/view': 'sbiDetail',
  '/provider/devices/view': 'deviceDetail',
  '/provider/ftm': 'ftmList',
  '/provider/ftm/add': 'addFtm',
  '/provider/ftm/added': 'ftmAdded',
  '/provider/ftm/view': 'ftmDetail',
  '/admin/sbi-devices': 'adminSbiDevices',
  '/admin/sbi-devices/sbi': 'adminSbiDetail',
  '/admin/sbi-devices/device': 'adminDeviceDetail',
  '/admin/ftm': 'adminFtm',
  '/admin/ftm/view': 'adminFtmDetail',
} as const;

export type DeviceScreen = (typeof DEVICE_ROUTES)[keyof typeof DEVICE_ROUTES];

export const DEVICE_ADMIN_ONLY: readonly DeviceScreen[] = ['adminSbiDevices', 'adminSbiDetail', 'adminDeviceDetail', 'adminFtm', 'adminFtmDetail'];
