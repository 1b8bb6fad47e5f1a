/** Routes of partner policies and authentication services (issue 4), merged into routes.ts. */
export const PARTNER_SERVICES_ROUTES = {
  '/partner/policy-group': 'policyGroup',
  '/partner/policies': 'partnerPolicies',
  '/partner/policies/request': 'requestPolicy',
  '/partner/policies/view': 'policyRequestDetail',
  '/partner/policies/submitted': 'policyRequested',
  '/partner/api-keys': 'apiKeys',
  '/partner/api-keys/generate': 'generateApiKey',
  '/partner/api-keys/view': 'apiKeyDetail',
  '/partner/oidc-clients': 'oidcClients',
  '/partner/oidc-clients/create': 'oidcCreate',
  '/partner/oidc-clients/edit': 'oidcEdit',
  '/partner/oidc-clients/view': 'oidcDetail',
  '/admin/auth-services': 'adminAuthServices',
  '/admin/auth-services/api-key': 'adminApiKeyDetail',
  '/admin/auth-services/oidc-client': 'adminOidcDetail',
} as const;

export type PartnerServicesScreen = (typeof PARTNER_SERVICES_ROUTES)[keyof typeof PARTNER_SERVICES_ROUTES];

export const PARTNER_SERVICES_ADMIN_ONLY: readonly PartnerServicesScreen[] = ['adminAuthServices', 'adminApiKeyDetail', 'adminOidcDetail'];
