import type { UserProfile } from '../../contract.ts';

/** Who works with hardware: the roles the contract's hardware methods admit. */
export function hardwareRoles(user: UserProfile) {
  const device = user.roles.includes('DEVICE_PROVIDER');
  const ftm = user.roles.includes('FTM_PROVIDER');
  const admin = user.roles.includes('PARTNER_ADMIN');
  return {
    device,
    ftm,
    admin,
    any: device || ftm || admin,
    sbi: device || admin,
    chips: ftm || admin,
  };
}
