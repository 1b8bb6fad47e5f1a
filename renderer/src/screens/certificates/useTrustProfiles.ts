import type { Output } from '../../contract.ts';
import type { ApiError } from '../../api/errors.ts';
import { useRecord } from '../../data/useRecord.ts';

export type DomainProfile = Output<'trustStore.profiles'>['profiles'][number];

/** The trust profile of every partner domain, refreshed when the trust store changes (a profile set by the admin). */
export function useTrustProfiles(): { profiles: DomainProfile[] | null; error: ApiError | null } {
  const { data, error } = useRecord('trustStore.profiles', {});
  return { profiles: data?.profiles ?? null, error };
}
