import type { z } from 'zod';
import type { UseVerdict } from '../../contract/methods/auth-services.ts';

export type Verdict = z.infer<typeof UseVerdict>;

/** What every use of a key or client reads, at the moment of use (nothing is cached or cascaded). */
export interface UseState {
  approval_status: string;
  partner_active: number;
  policy_status: string;
  linked: number;
}

/**
 * MOSIP's most-reported defect is that deactivating a partner, a key or a policy link does not stop
 * its keys and clients (pms.md §6.1). Here each check reads all of them, so any one of them stops it.
 */
export function useVerdict(s: UseState, own: Verdict | null): Verdict {
  if (own) return own;
  if (s.approval_status !== 'approved' || s.partner_active !== 1) return 'partnerInactive';
  if (s.linked !== 1) return 'linkNotApproved';
  if (s.policy_status !== 'activated') return 'policyInactive';
  return 'ok';
}

/** SQL for UseState given the aliases of the partner column and policy column of the row. */
export function useStateColumns(partnerCol: string, policyCol: string): string {
  return `p.approval_status, p.is_active AS partner_active, pol.status AS policy_status,
    EXISTS (SELECT 1 FROM partner_policy_request r WHERE r.part_id = ${partnerCol} AND r.policy_id = ${policyCol} AND r.status_code = 'approved') AS linked`;
}
