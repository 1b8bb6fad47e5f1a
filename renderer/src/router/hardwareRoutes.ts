import { routeTable, type ScreenOf } from './table.ts';

/** Routes of the devices & hardware area (issue 6), merged into routes.ts; the core's hardware roles open them. */
export const HARDWARE_ROUTES = routeTable({
  '/hardware': {
    screen: 'hardware',
    method: 'hardware.usb.list',
    card: 'hardware',
    nav: { order: 80, label: (t) => t('hardware.nav.hardware'), group: 'devices' },
  },
  '/hardware/onboard': { screen: 'hardwareOnboard', method: 'sbi.inspect' },
  '/hardware/live': { screen: 'hardwareLive', method: 'sbi.stream.start' },
  '/hardware/bench': { screen: 'hardwareBench', method: 'sbi.bench.start' },
  '/hardware/ftm': { screen: 'hardwareFtm', method: 'hardware.ftm.read' },
  '/hardware/virtual': { screen: 'virtualSbi', method: 'virtualSbi.state' },
});

export type HardwareScreen = ScreenOf<typeof HARDWARE_ROUTES>;
