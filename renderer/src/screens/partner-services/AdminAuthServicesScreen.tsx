import { useTranslation } from 'react-i18next';
import { useRoute } from '../../router/hash.ts';
import { ApiKeyList } from './ApiKeysScreen.tsx';
import { OidcClientList } from './OidcClientsScreen.tsx';
import { AuthServiceTabs } from './parts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

/** Admin Authentication Services (pms.md §5.4): every OIDC client and API key, with deactivation. */
export function AdminAuthServicesScreen() {
  const { t } = useTranslation();
  const tab = useRoute().query.get('tab') === 'apiKeys' ? 'apiKeys' : 'oidc';
  return (
    <div className="space-y-4" data-testid="admin-auth-services" data-tab={tab}>
      <PageHeader
        title={t('partnerServices.authServices.title')}
        description={t('partnerServices.authServices.adminDescription')}
      />
      <AuthServiceTabs current={tab} admin />
      {tab === 'apiKeys' ? <ApiKeyList key="keys" admin /> : <OidcClientList key="oidc" admin />}
    </div>
  );
}
