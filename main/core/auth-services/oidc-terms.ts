import { AppError } from '../../contract/index.ts';
import type { OidcConfig } from './oidc-config.ts';
import { authPolicyTerms } from '../policies/schemas.ts';

/**
 * Claims and ACR values of a client come from its Auth policy, never from the partner: KYC
 * attributes map to claims and auth types to ACR values through the configured mappings, so the
 * client can use exactly the mechanisms its approved policy enables (pms.md §1.6).
 */
export function clientTerms(policyJson: string, config: OidcConfig): { claims: string[]; acrValues: string[] } {
  const { kycAttributes, authTypes } = authPolicyTerms(policyJson);
  const attrs = new Set(kycAttributes);
  const claims = Object.entries(config.claimsMapping)
    .filter(([, names]) => names.some((n) => attrs.has(n)))
    .map(([claim]) => claim);
  const acrValues = [...new Set(authTypes.flatMap((t) => config.acrMapping[t] ?? []))];
  if (claims.length === 0)
    throw new AppError('PMS_ESI_005', 'The policy allows no KYC attribute that maps to a user claim.');
  if (acrValues.length === 0)
    throw new AppError('PMS_ESI_006', 'The policy allows no authentication type that maps to an ACR value.');
  return { claims, acrValues };
}

/** Grant types and client authentication methods must be among those configured (MOSIP system-config). */
export function checkAllowed(
  field: 'grantTypes' | 'clientAuthMethods',
  values: readonly string[],
  allowed: readonly string[],
): string[] {
  const bad = values.filter((v) => !allowed.includes(v));
  if (bad.length)
    throw new AppError('PMS_COR_002', `${field}: ${bad.join(', ')} not allowed (allowed: ${allowed.join(', ')}).`, {
      [field]: 'PMS_COR_002',
    });
  if (new Set(values).size !== values.length)
    throw new AppError('PMS_COR_002', `${field} must not repeat.`, { [field]: 'PMS_COR_002' });
  return [...values];
}
