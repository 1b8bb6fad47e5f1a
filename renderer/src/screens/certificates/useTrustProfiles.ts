import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../contract.ts';
import { api } from '../../api/client.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { useEvent } from '../../hooks/useEvent.ts';

export type DomainProfile = Output<'trustStore.profiles'>['profiles'][number];

/** The trust profile of every partner domain, reloaded when the trust store changes (a profile set by the admin). */
export function useTrustProfiles(): { profiles: DomainProfile[] | null; error: ApiError | null; reload: () => void } {
  const [state, setState] = useState<{ profiles: DomainProfile[] | null; error: ApiError | null }>({ profiles: null, error: null });
  const reload = useCallback(() => {
    api.call('trustStore.profiles', {}).then(
      (out) => setState({ profiles: out.profiles, error: null }),
      (caught: unknown) => setState({ profiles: null, error: toApiError(caught) }),
    );
  }, []);
  useEffect(reload, [reload]);
  useEvent('data.changed', ({ topic }) => {
    if (topic === 'trustStore') reload();
  });
  return { ...state, reload };
}
