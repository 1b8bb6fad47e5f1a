import { routeTable, type ScreenOf } from './table.ts';

/** Assisted registration (issue 16): the registration officer's pages, merged into routes.ts. */
export const ASSISTED_ROUTES = routeTable({
  '/assisted': {
    screen: 'assistedList',
    method: 'assisted.list',
    card: 'assisted',
    nav: { order: 120, label: (t) => t('assisted.title') },
  },
  '/assisted/new': { screen: 'assistedNew', method: 'assisted.open' },
  '/assisted/view': { screen: 'assistedView', method: 'assisted.get' },
});

export type AssistedScreen = ScreenOf<typeof ASSISTED_ROUTES>;
