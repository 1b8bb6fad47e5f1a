import type { PartnerDomain } from '../../../lib/pki/index.ts';

/**
 * pms.md §3.1 (the portal's getPartnerDomainType): Device_Provider → DEVICE, FTM_Provider → FTM,
 * MISP_Partner → MISP, every other partner type → AUTH.
 */
export function domainOfPartnerType(type: string): PartnerDomain {
  if (type === 'Device_Provider') return 'DEVICE';
  if (type === 'FTM_Provider') return 'FTM';
  if (type === 'MISP_Partner') return 'MISP';
  return 'AUTH';
}
