import { useCallback, type ReactNode } from 'react';
import { SkipLink } from './SkipLink.tsx';
import type { UserProfile } from '../contract.ts';
import { api } from '../api/client.ts';
import { askLeave } from '../router/blockers.ts';
import { useSession, type SessionNotice } from '../stores/session.ts';
import { useIdleTimeout } from '../session/useIdleTimeout.ts';
import { SessionWarning } from '../session/SessionWarning.tsx';
import { Header } from './Header.tsx';
import { DataProvider } from '../data/DataProvider.tsx';
import { SyncBar } from '../screens/sync/SyncBar.tsx';
import { UpdateBanner } from '../screens/updates/UpdateBanner.tsx';

interface AppShellProps {
  user: UserProfile;
  inactivitySeconds: number;
  promptSeconds: number;
  children: ReactNode;
}

/** Ends the session on the server (best effort) and locally; the router then shows sign-in. */
function signOut(notice: SessionNotice) {
  // api.call reads the token before the store is cleared, so the logout still carries it.
  void api.call('auth.logout', {}).catch(() => undefined);
  useSession.getState().end(notice);
}

/** Signed-in layout: header, the sync bar of a joined desk, page, and the inactivity watch that belongs to a session. */
export function AppShell({ user, inactivitySeconds, promptSeconds, children }: AppShellProps) {
  const keepAlive = useCallback(() => {
    void api.call('auth.keepAlive', {}).catch(() => undefined); // PD_AUTH_003 is handled by the client
  }, []);
  const expire = useCallback(() => signOut('inactivity'), []);
  const { remaining, stay } = useIdleTimeout({
    inactivitySeconds,
    promptSeconds,
    keepAlive,
    onExpire: expire,
  });

  const logout = () => {
    void askLeave().then((leave) => leave && signOut('signedOut'));
  };

  return (
    <DataProvider>
      <div className="flex min-h-screen flex-col">
        <SkipLink />
        <Header user={user} onLogout={logout} />
        <SyncBar />
        <UpdateBanner />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:px-6">
          {children}
        </main>
        {remaining !== null ? (
          <SessionWarning seconds={remaining} onStay={stay} onSignOut={() => signOut('signedOut')} />
        ) : null}
      </div>
    </DataProvider>
  );
}
