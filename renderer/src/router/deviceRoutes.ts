import { routeTable, type ScreenOf } from './table.ts';

/** Routes of device providers and FTM chip providers (issue 5), merged into routes.ts. */
export const DEVICE_ROUTES = routeTable({
  '/provider/sbis': {
    screen: 'sbis',
    method: 'sbis.list',
    side: 'partner',
    card: 'sbiDevice',
    nav: { order: 70, label: (t) => t('devices.nav.sbis') },
  },
  '/provider/sbis/add': { screen: 'addSbi', method: 'sbis.create' },
  '/provider/sbis/added': { screen: 'sbiAdded', method: 'sbis.create' },
  '/provider/sbis/add-devices': { screen: 'addDevices', method: 'devices.add' },
  '/provider/sbis/devices': { screen: 'sbiDevices', method: 'devices.list' },
  '/provider/sbis/view': { screen: 'sbiDetail', method: 'sbis.get' },
  '/provider/devices/view': { screen: 'deviceDetail', method: 'devices.get' },
  '/provider/ftm': {
    screen: 'ftmList',
    method: 'ftm.list',
    side: 'partner',
    card: 'ftmChip',
    nav: { order: 71, label: (t) => t('devices.nav.ftm') },
  },
  '/provider/ftm/add': { screen: 'addFtm', method: 'ftm.create' },
  '/provider/ftm/added': { screen: 'ftmAdded', method: 'ftm.create' },
  '/provider/ftm/view': { screen: 'ftmDetail', method: 'ftm.get' },
  '/admin/sbi-devices': {
    screen: 'adminSbiDevices',
    method: 'sbis.list',
    side: 'admin',
    card: 'sbiDevice',
    nav: { order: 72, label: (t) => t('devices.nav.adminSbiDevices'), group: 'devices' },
  },
  '/admin/sbi-devices/sbi': { screen: 'adminSbiDetail', method: 'sbis.get', side: 'admin' },
  '/admin/sbi-devices/device': {
    screen: 'adminDeviceDetail',
    method: 'devices.get',
    side: 'admin',
  },
  '/admin/ftm': {
    screen: 'adminFtm',
    method: 'ftm.list',
    side: 'admin',
    card: 'ftmChip',
    nav: { order: 73, label: (t) => t('devices.nav.adminFtm'), group: 'devices' },
  },
  '/admin/ftm/view': { screen: 'adminFtmDetail', method: 'ftm.get', side: 'admin' },
});

export type DeviceScreen = ScreenOf<typeof DEVICE_ROUTES>;
