import type { ReactNode } from 'react';
import type { UserProfile } from '../../contract.ts';
import type { HardwareScreen as Screen } from '../../router/hardwareRoutes.ts';
import { BenchScreen } from './BenchScreen.tsx';
import { FtmOnboardScreen } from './FtmOnboardScreen.tsx';
import { HardwareScreen } from './HardwareScreen.tsx';
import { LiveViewScreen } from './LiveViewScreen.tsx';
import { OnboardScreen } from './OnboardScreen.tsx';
import { VirtualSbiScreen } from './VirtualSbiScreen.tsx';

/** The devices & hardware screens (issue 6), by route screen id. */
export function hardwareScreen(screen: string, user: UserProfile): ReactNode {
  switch (screen as Screen) {
    case 'hardware':
      return <HardwareScreen user={user} />;
    case 'hardwareOnboard':
      return <OnboardScreen />;
    case 'hardwareLive':
      return <LiveViewScreen />;
    case 'hardwareBench':
      return <BenchScreen />;
    case 'hardwareFtm':
      return <FtmOnboardScreen />;
    case 'virtualSbi':
      return <VirtualSbiScreen user={user} />;
    default:
      return null;
  }
}
