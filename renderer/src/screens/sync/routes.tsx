import type { ReactNode } from 'react';
import type { UserProfile } from '../../contract.ts';
import type { SyncScreen } from '../../router/syncRoutes.ts';
import { SettingsScreen } from './SettingsScreen.tsx';
import { SyncQueueScreen } from './SyncQueueScreen.tsx';

export function syncScreen(screen: string, user: UserProfile): ReactNode {
  switch (screen as SyncScreen) {
    case 'syncQueue':
      return <SyncQueueScreen user={user} />;
    case 'settings':
      return <SettingsScreen />;
    default:
      return null;
  }
}
