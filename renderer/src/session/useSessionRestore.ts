import { useEffect } from 'react';
import { api } from '../api/client.ts';
import { toApiError } from '../api/errors.ts';
import { useSession } from '../stores/session.ts';

/**
 * After a reload only the token survives (sessionStorage); fetch the profile it belongs to.
 * A rejected token ends the session; an unreachable service leaves it for a later retry.
 */
export function useSessionRestore(enabled: boolean): void {
  const token = useSession((s) => s.token);
  const user = useSession((s) => s.user);
  useEffect(() => {
    if (!enabled || !token || user) return;
    let cancelled = false;
    api.call('session.me', {}).then(
      (me) => {
        if (cancelled || useSession.getState().token !== token) return;
        useSession.getState().setUser(me);
      },
      (caught: unknown) => {
        const error = toApiError(caught);
        if (cancelled || error.network || useSession.getState().token !== token) return;
        useSession.getState().end('sessionEnded');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [enabled, token, user]);
}
