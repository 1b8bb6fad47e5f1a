import type { ReactNode } from 'react';
import type { PortalScreen } from '../../router/portalRoutes.ts';
import { AdminApplicationScreen } from './AdminApplicationScreen.tsx';
import { AdminApplicationsScreen } from './AdminApplicationsScreen.tsx';
import { AdminFormsScreen } from './AdminFormsScreen.tsx';
import { AdminProgramScreen, AdminProgramsScreen } from './AdminProgramsScreen.tsx';
import {
  PortalApplicationsScreen,
  PortalApplyScreen,
  PortalProfileScreen,
  PortalProgramsScreen,
} from './ApplicantScreens.tsx';

export function portalScreen(screen: string): ReactNode {
  switch (screen as PortalScreen) {
    case 'programAdminPrograms':
      return <AdminProgramsScreen />;
    case 'programAdminProgram':
      return <AdminProgramScreen />;
    case 'programAdminForms':
      return <AdminFormsScreen />;
    case 'programAdminApplications':
      return <AdminApplicationsScreen />;
    case 'programAdminApplication':
      return <AdminApplicationScreen />;
    case 'portalPrograms':
      return <PortalProgramsScreen />;
    case 'portalApply':
      return <PortalApplyScreen />;
    case 'portalApplications':
      return <PortalApplicationsScreen />;
    case 'portalProfile':
      return <PortalProfileScreen />;
    default:
      return null;
  }
}
