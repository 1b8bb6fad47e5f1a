import { routeTable, type ScreenOf } from './table.ts';

/** Every signed-in user's notifications page (the bell in the header opens it), merged into routes.ts. */
export const NOTIFICATION_ROUTES = routeTable({
  '/notifications': { screen: 'notifications', method: 'notifications.list' },
});

export type NotificationScreen = ScreenOf<typeof NOTIFICATION_ROUTES>;
