import type { PartnerDomain } from '../pki/index.ts';

/** pms.md §3.1: Device_Provider → DEVICE, FTM_Provider → FTM, every other partner type → AUTH. */
export function domainOfPartnerType(type: string): PartnerDomain {
  if (type === 'Device_Provider') return 'DEVICE';
  if (type === 'FTM_Provider') return 'FTM';
  return 'AUTH';
}
