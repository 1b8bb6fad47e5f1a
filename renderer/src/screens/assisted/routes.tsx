import type { ReactNode } from 'react';
import type { AssistedScreen } from '../../router/assistedRoutes.ts';
import { AssistedListScreen, AssistedNewScreen } from './AssistedListScreen.tsx';
import { AssistedViewScreen } from './AssistedViewScreen.tsx';

export function assistedScreen(screen: string): ReactNode {
  switch (screen as AssistedScreen) {
    case 'assistedList':
      return <AssistedListScreen />;
    case 'assistedNew':
      return <AssistedNewScreen />;
    case 'assistedView':
      return <AssistedViewScreen />;
    default:
      return null;
  }
}
