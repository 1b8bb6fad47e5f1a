import type { ReactNode } from 'react';
import type { UserProfile } from '../../contract.ts';
import type { NotificationScreen } from '../../router/notificationRoutes.ts';
import { NotificationsScreen } from './NotificationsScreen.tsx';

export function notificationScreen(screen: string, user: UserProfile): ReactNode {
  switch (screen as NotificationScreen) {
    case 'notifications':
      return <NotificationsScreen user={user} />;
    default:
      return null;
  }
}
