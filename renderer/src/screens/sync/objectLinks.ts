/** Where a queued change's object opens, per side (the admin and partner screens differ). */
const PATHS: Readonly<Record<string, { admin?: string; partner?: string }>> = {
  partner: { admin: '/admin/partners/view' },
  policyGroup: { admin: '/admin/policy-groups/view' },
  policy: { admin: '/admin/policies/view' },
  policyRequest: { admin: '/admin/policy-linking/view', partner: '/partner/policies/view' },
  apiKey: { admin: '/admin/auth-services/api-key', partner: '/partner/api-keys/view' },
  oidcClient: { admin: '/admin/auth-services/oidc-client', partner: '/partner/oidc-clients/view' },
  sbi: { admin: '/admin/sbi-devices/sbi', partner: '/provider/sbis/view' },
  device: { admin: '/admin/sbi-devices/device', partner: '/provider/devices/view' },
  ftm: { admin: '/admin/ftm/view', partner: '/provider/ftm/view' },
};

export function objectPath(refType: string | null, refId: string | null, isAdmin: boolean): string | null {
  if (!refType || !refId) return null;
  const path = PATHS[refType]?.[isAdmin ? 'admin' : 'partner'];
  return path ? `${path}?id=${encodeURIComponent(refId)}` : null;
}
