import type { ReactNode } from 'react';
import type { DeviceScreen } from '../../router/deviceRoutes.ts';
import { AddDevicesScreen } from './AddDevicesScreen.tsx';
import { AddSbiScreen, SbiAddedScreen } from './AddSbiScreen.tsx';
import { AdminSbiDevicesScreen } from './AdminSbiDevicesScreen.tsx';
import { DeviceDetailScreen, SbiDetailScreen } from './DetailScreens.tsx';
import { AddFtmScreen, AdminFtmScreen, FtmAddedScreen, FtmDetailScreen, FtmListScreen } from './FtmScreens.tsx';
import { SbiDevicesScreen } from './SbiDevicesScreen.tsx';
import { SbiListScreen } from './SbiListScreen.tsx';

/** The screens of device providers and FTM chip providers (issue 5), by route screen id. */
export function devicesScreen(screen: string): ReactNode {
  switch (screen as DeviceScreen) {
    case 'sbis':
      return <SbiListScreen />;
    case 'addSbi':
      return <AddSbiScreen />;
    case 'sbiAdded':
      return <SbiAddedScreen />;
    case 'addDevices':
      return <AddDevicesScreen />;
    case 'sbiDevices':
      return <SbiDevicesScreen />;
    case 'sbiDetail':
      return <SbiDetailScreen admin={false} />;
    case 'deviceDetail':
      return <DeviceDetailScreen admin={false} />;
    case 'ftmList':
      return <FtmListScreen />;
    case 'addFtm':
      return <AddFtmScreen />;
    case 'ftmAdded':
      return <FtmAddedScreen />;
    case 'ftmDetail':
      return <FtmDetailScreen admin={false} />;
    case 'adminSbiDevices':
      return <AdminSbiDevicesScreen />;
    case 'adminSbiDetail':
      return <SbiDetailScreen admin />;
    case 'adminDeviceDetail':
      return <DeviceDetailScreen admin />;
    case 'adminFtm':
      return <AdminFtmScreen />;
    case 'adminFtmDetail':
      return <FtmDetailScreen admin />;
    default:
      return null;
  }
}
