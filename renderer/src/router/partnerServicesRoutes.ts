import { routeTable, type ScreenOf } from './table.ts';

/** Routes of partner policies and authentication services (issue 4), merged into routes.ts. */
export const PARTNER_SERVICES_ROUTES = routeTable({
  '/partner/policy-group': { screen: 'policyGroup', method: 'partners.setPolicyGroup' },
  '/partner/policies': {
    screen: 'partnerPolicies',
    method: 'linking.list',
    side: 'partner',
    card: 'policies',
    nav: { order: 90, label: (t) => t('partnerServices.nav.policies') },
  },
  '/partner/policies/request': { screen: 'requestPolicy', method: 'linking.request' },
  '/partner/policies/view': { screen: 'policyRequestDetail', method: 'linking.get' },
  '/partner/policies/submitted': { screen: 'policyRequested', method: 'linking.request' },
  '/partner/api-keys': {
    screen: 'apiKeys',
    method: 'apiKeys.list',
    side: 'partner',
    card: 'authServices',
    nav: { order: 91, label: (t) => t('partnerServices.nav.authServices') },
  },
  '/partner/api-keys/generate': { screen: 'generateApiKey', method: 'apiKeys.generate' },
  '/partner/api-keys/view': { screen: 'apiKeyDetail', method: 'apiKeys.get' },
  '/partner/oidc-clients': { screen: 'oidcClients', method: 'oidcClients.list', side: 'partner' },
  '/partner/oidc-clients/create': { screen: 'oidcCreate', method: 'oidcClients.create' },
  '/partner/oidc-clients/edit': { screen: 'oidcEdit', method: 'oidcClients.update' },
  '/partner/oidc-clients/view': { screen: 'oidcDetail', method: 'oidcClients.get' },
  '/admin/auth-services': {
    screen: 'adminAuthServices',
    method: 'apiKeys.list',
    side: 'admin',
    card: 'authServices',
    nav: { order: 92, label: (t) => t('partnerServices.nav.authServices'), group: 'partners' },
  },
  '/admin/auth-services/api-key': {
    screen: 'adminApiKeyDetail',
    method: 'apiKeys.get',
    side: 'admin',
  },
  '/admin/auth-services/oidc-client': {
    screen: 'adminOidcDetail',
    method: 'oidcClients.get',
    side: 'admin',
  },
});

export type PartnerServicesScreen = ScreenOf<typeof PARTNER_SERVICES_ROUTES>;
