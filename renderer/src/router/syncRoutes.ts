import { routeTable, type ScreenOf } from './table.ts';

/** The desk's sync queue (any signed-in user) and the deployment settings (admins), merged into routes.ts. */
export const SYNC_ROUTES = routeTable({
  '/sync': { screen: 'syncQueue', method: 'sync.queue' },
  '/admin/settings': {
    screen: 'settings',
    method: 'sync.setFreezeDays',
    side: 'admin',
    nav: { order: 95, label: (t) => t('sync.settings.title'), group: 'system' },
  },
});

export type SyncScreen = ScreenOf<typeof SYNC_ROUTES>;
