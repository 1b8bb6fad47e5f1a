import { routeTable, type ScreenOf } from './table.ts';

/** Routes of the admin policy, policy-linking and partner screens (issue 4), merged into routes.ts. */
export const POLICY_ROUTES = routeTable({
  '/admin/policy-groups': {
    screen: 'policyGroups',
    method: 'policyGroups.list',
    side: 'admin',
    card: 'policies',
    nav: { order: 30, label: (t) => t('dashboard.cards.policies.title'), group: 'partners' },
  },
  '/admin/policy-groups/create': { screen: 'policyGroupCreate', method: 'policyGroups.create' },
  '/admin/policy-groups/created': { screen: 'policyGroupCreated', method: 'policyGroups.create' },
  '/admin/policy-groups/view': { screen: 'policyGroupDetail', method: 'policyGroups.get' },
  '/admin/policies': { screen: 'policies', method: 'policies.list' },
  '/admin/policies/create': { screen: 'policyCreate', method: 'policies.create' },
  '/admin/policies/edit': { screen: 'policyEdit', method: 'policies.update' },
  '/admin/policies/saved': { screen: 'policySaved', method: 'policies.create' },
  '/admin/policies/view': { screen: 'policyView', method: 'policies.get' },
  '/admin/policy-linking': {
    screen: 'policyLinking',
    method: 'linking.list',
    side: 'admin',
    card: 'policyLinking',
    nav: { order: 40, label: (t) => t('dashboard.cards.policyLinking.title'), group: 'partners' },
  },
  '/admin/policy-linking/view': {
    screen: 'policyLinkDetail',
    method: 'linking.get',
    side: 'admin',
  },
  '/admin/partners': {
    screen: 'adminPartners',
    method: 'partners.list',
    card: 'partners',
    nav: { order: 50, label: (t) => t('dashboard.cards.partners.title'), group: 'partners' },
  },
  '/admin/partners/view': { screen: 'adminPartnerDetail', method: 'partners.get' },
});

export type PolicyScreen = ScreenOf<typeof POLICY_ROUTES>;
