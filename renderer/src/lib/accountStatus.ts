import type { AccountStatus, UserProfile } from '../contract.ts';

/** Same meaning as dashboard.summary's accountStatus, derived from the profile for the profile page. */
export function accountStatusOf(user: UserProfile): AccountStatus {
  if (user.isAdmin || !user.partner) return 'admin';
  const { approvalStatus, isActive } = user.partner;
  if (approvalStatus === 'approved') return isActive ? 'active' : 'deactivated';
  return approvalStatus;
}
