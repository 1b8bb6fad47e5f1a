/** Routes of the admin policy, policy-linking and partner screens (issue 4), merged into routes.ts. */
export const POLICY_ROUTES = {
  '/admin/policy-groups': 'policyGroups',
  '/admin/policy-groups/create': 'policyGroupCreate',
  '/admin/policy-groups/created': 'policyGroupCreated',
  '/admin/policy-groups/view': 'policyGroupDetail',
  '/admin/policies': 'policies',
  '/admin/policies/create': 'policyCreate',
  '/admin/policies/edit': 'policyEdit',
  '/admin/policies/saved': 'policySaved',
  '/admin/policies/view': 'policyView',
  '/admin/policy-linking': 'policyLinking',
  '/admin/policy-linking/view': 'policyLinkDetail',
  '/admin/partners': 'adminPartners',
  '/admin/partners/view': 'adminPartnerDetail',
} as const;

export type PolicyScreen = (typeof POLICY_ROUTES)[keyof typeof POLICY_ROUTES];

/** All of them need an admin (the core further limits linking and partners to PARTNER_ADMIN). */
export const POLICY_ADMIN_ONLY: readonly PolicyScreen[] = Object.values(POLICY_ROUTES);
