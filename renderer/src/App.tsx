import { LeaveDialog } from './components/LeaveDialog.tsx';
import { useEffect, type ReactNode } from 'react';
import { AppShell } from './components/AppShell.tsx';
import { PublicShell } from './components/PublicShell.tsx';
import { navigate, useRoute } from './router/hash.ts';
import { rememberWanted } from './router/wanted.ts';
import { resolveRoute, type Screen } from './router/routes.ts';
import { useSessionRestore } from './session/useSessionRestore.ts';
import { useSession } from './stores/session.ts';
import { useSystem } from './stores/system.ts';
import { AuditScreen } from './screens/AuditScreen.tsx';
import { ConfirmationScreen } from './screens/ConfirmationScreen.tsx';
import { DashboardScreen } from './screens/DashboardScreen.tsx';
import { ForgotPasswordScreen } from './screens/ForgotPasswordScreen.tsx';
import { LoginScreen } from './screens/LoginScreen.tsx';
import { NotAllowedScreen } from './screens/NotAllowedScreen.tsx';
import { ProfileScreen } from './screens/ProfileScreen.tsx';
import { RegisterScreen } from './screens/RegisterScreen.tsx';
import { ResetPasswordScreen } from './screens/ResetPasswordScreen.tsx';
import { SetupScreen } from './screens/SetupScreen.tsx';
import { Splash, Unreachable } from './screens/StartupScreens.tsx';
import { PartnerCertificateScreen } from './screens/certificates/PartnerCertificateScreen.tsx';
import { TrustDetailScreen } from './screens/certificates/TrustDetailScreen.tsx';
import { TrustStoreScreen } from './screens/certificates/TrustStoreScreen.tsx';
import { TrustUploadScreen } from './screens/certificates/TrustUploadScreen.tsx';
import { PolicyGroupGate } from './screens/partner-services/PolicyGroupSelect.tsx';
import { partnerServicesScreen } from './screens/partner-services/routes.tsx';
import { policyScreen } from './screens/policies/policyScreens.tsx';
import { devicesScreen } from './screens/devices/routes.tsx';
import { hardwareScreen } from './screens/hardware/routes.tsx';
import { syncScreen } from './screens/sync/routes.tsx';
import { notificationScreen } from './screens/notifications/routes.tsx';
import { portalScreen } from './screens/portal/routes.tsx';
import { assistedScreen } from './screens/assisted/routes.tsx';
import { PortalCallback, isProviderAnswer } from './screens/portal/PortalSignIn.tsx';
import type { UserProfile } from './contract.ts';

function publicScreen(screen: Screen): ReactNode {
  switch (screen) {
    case 'setup':
      return <SetupScreen />;
    case 'login':
      return <LoginScreen />;
    case 'register':
      return <RegisterScreen />;
    case 'forgot':
      return <ForgotPasswordScreen />;
    case 'reset':
      return <ResetPasswordScreen />;
    default:
      return null;
  }
}

function privateScreen(screen: Screen, user: UserProfile): ReactNode {
  switch (screen) {
    case 'dashboard':
      return <DashboardScreen user={user} />;
    case 'profile':
      return <ProfileScreen user={user} />;
    case 'audit':
      return <AuditScreen />;
    case 'trustStore':
      return <TrustStoreScreen />;
    case 'trustUpload':
      return <TrustUploadScreen />;
    case 'trustDetail':
      return <TrustDetailScreen />;
    case 'partnerCertificates':
      return <PartnerCertificateScreen user={user} />;
    case 'notAllowed':
      return <NotAllowedScreen />;
    default:
      return (
        policyScreen(screen) ??
        devicesScreen(screen) ??
        hardwareScreen(screen, user) ??
        partnerServicesScreen(screen, user) ??
        syncScreen(screen, user) ??
        notificationScreen(screen, user) ??
        portalScreen(screen) ??
        assistedScreen(screen)
      );
  }
}

export function App() {
  return (
    <>
      <Screens />
      <LeaveDialog />
    </>
  );
}

function Screens() {
  const route = useRoute();
  const info = useSystem((s) => s.info);
  const systemError = useSystem((s) => s.error);
  const loadSystem = useSystem((s) => s.load);
  const token = useSession((s) => s.token);
  const user = useSession((s) => s.user);

  useEffect(() => {
    void loadSystem();
  }, [loadSystem]);
  useSessionRestore(info !== null);

  const restoring = token !== null && user === null;
  const signedIn = token !== null && user !== null;
  const decision =
    info && !restoring
      ? resolveRoute(route.path, {
          setupRequired: info.setupRequired,
          signedIn,
          roles: user?.roles ?? [],
        })
      : null;
  const redirect = decision && 'redirect' in decision ? decision.redirect : null;

  // Guard redirects replace history and skip the unsaved-changes question (the session is gone).
  // A signed-out user sent to sign-in from a page keeps that page for after the sign-in with an ID.
  const wanted =
    redirect === '/login' && !signedIn ? `${route.path}${route.query.size ? `?${route.query}` : ''}` : null;
  useEffect(() => {
    if (wanted && wanted !== '/' && wanted !== '/login') rememberWanted(wanted);
    if (redirect) navigate(redirect, { replace: true, force: true });
  }, [redirect, wanted]);

  // The identity provider sent the browser back: finish the applicant's sign-in first.
  if (info && !signedIn && isProviderAnswer()) return <PortalCallback />;
  if (!info) return systemError ? <Unreachable error={systemError} onRetry={() => void loadSystem()} /> : <Splash />;
  if (!decision || !('screen' in decision)) return <Splash />;

  const { screen } = decision;
  if (screen === 'done') {
    const page = <ConfirmationScreen kind={route.segments[1]} />;
    return user ? (
      <AppShell user={user} inactivitySeconds={info.inactivitySeconds} promptSeconds={info.promptSeconds}>
        {page}
      </AppShell>
    ) : (
      <PublicShell>{page}</PublicShell>
    );
  }
  if (user && signedIn) {
    const page = privateScreen(screen, user);
    if (page) {
      return (
        <AppShell user={user} inactivitySeconds={info.inactivitySeconds} promptSeconds={info.promptSeconds}>
          <PolicyGroupGate user={user}>{page}</PolicyGroupGate>
        </AppShell>
      );
    }
  }
  return publicScreen(screen);
}
