import type { ReactNode } from 'react';
import type { UserProfile } from '../../contract.ts';
import { AdminAuthServicesScreen } from './AdminAuthServicesScreen.tsx';
import { ApiKeyDetailScreen } from './ApiKeyDetailScreen.tsx';
import { ApiKeysScreen } from './ApiKeysScreen.tsx';
import { GenerateApiKeyScreen } from './GenerateApiKeyScreen.tsx';
import { OidcClientDetailScreen } from './OidcClientDetailScreen.tsx';
import { OidcClientFormScreen } from './OidcClientFormScreen.tsx';
import { OidcClientsScreen } from './OidcClientsScreen.tsx';
import { PartnerPoliciesScreen, PolicySubmittedScreen } from './PartnerPoliciesScreen.tsx';
import { PolicyGroupScreen } from './PolicyGroupSelect.tsx';
import { RequestPolicyScreen } from './RequestPolicyScreen.tsx';
import { PolicyRequestDetailScreen } from './PolicyRequestDetailScreen.tsx';
import type { PartnerServicesScreen } from '../../router/partnerServicesRoutes.ts';

/** The screens of partner policies and authentication services (issue 4), by route screen id. */
export function partnerServicesScreen(screen: string, user: UserProfile): ReactNode {
  switch (screen as PartnerServicesScreen) {
    case 'policyGroup':
      return <PolicyGroupScreen />;
    case 'partnerPolicies':
      return <PartnerPoliciesScreen />;
    case 'requestPolicy':
      return <RequestPolicyScreen />;
    case 'policyRequestDetail':
      return <PolicyRequestDetailScreen />;
    case 'policyRequested':
      return <PolicySubmittedScreen />;
    case 'apiKeys':
      return <ApiKeysScreen />;
    case 'generateApiKey':
      return <GenerateApiKeyScreen />;
    case 'apiKeyDetail':
      return <ApiKeyDetailScreen admin={user.isAdmin} />;
    case 'oidcClients':
      return <OidcClientsScreen />;
    case 'oidcCreate':
      return <OidcClientFormScreen key="create" mode="create" />;
    case 'oidcEdit':
      return <OidcClientFormScreen key="edit" mode="edit" />;
    case 'oidcDetail':
      return <OidcClientDetailScreen admin={user.isAdmin} />;
    case 'adminAuthServices':
      return <AdminAuthServicesScreen />;
    case 'adminApiKeyDetail':
      return <ApiKeyDetailScreen admin />;
    case 'adminOidcDetail':
      return <OidcClientDetailScreen admin />;
    default:
      return null;
  }
}
