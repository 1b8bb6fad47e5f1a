import { routeTable, type ScreenOf } from './table.ts';

/** The self-service portal (issue 15): the program administrator's pages and the applicant's, merged into routes.ts. */
export const PORTAL_ROUTES = routeTable({
  '/programs': {
    screen: 'programAdminPrograms',
    method: 'programs.list',
    nav: { order: 100, label: (t) => t('portal.admin.programs') },
  },
  '/programs/view': { screen: 'programAdminProgram', method: 'programs.get' },
  '/portal-forms': {
    screen: 'programAdminForms',
    method: 'portalForms.list',
    nav: { order: 101, label: (t) => t('portal.admin.forms') },
  },
  '/applications': {
    screen: 'programAdminApplications',
    method: 'applications.list',
    nav: { order: 102, label: (t) => t('portal.admin.applications') },
  },
  '/applications/view': { screen: 'programAdminApplication', method: 'applications.get' },
  '/portal': {
    screen: 'portalPrograms',
    method: 'portal.programs',
    nav: { order: 110, label: (t) => t('portal.applicant.programs') },
  },
  '/portal/apply': { screen: 'portalApply', method: 'portal.form' },
  '/portal/applications': {
    screen: 'portalApplications',
    method: 'portal.applications',
    nav: { order: 111, label: (t) => t('portal.applicant.myApplications') },
  },
  '/portal/profile': {
    screen: 'portalProfile',
    method: 'portal.profile',
    nav: { order: 112, label: (t) => t('portal.applicant.profile') },
  },
});

export type PortalScreen = ScreenOf<typeof PORTAL_ROUTES>;
