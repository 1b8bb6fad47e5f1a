/** Routes of the devices & hardware area (issue 6), merged into routes.ts. */
export const HARDWARE_ROUTES = {
  '/hardware': 'hardware',
  '/hardware/onboard': 'hardwareOnboard',
  '/hardware/live': 'hardwareLive',
  '/hardware/bench': 'hardwareBench',
  '/hardware/ftm': 'hardwareFtm',
  '/hardware/virtual': 'virtualSbi',
} as const;

export type HardwareScreen = (typeof HARDWARE_ROUTES)[keyof typeof HARDWARE_ROUTES];

/** None is admin-only: the core's role gate decides (device providers, FTM providers, partner admins). */
export const HARDWARE_ADMIN_ONLY: readonly HardwareScreen[] = [];
