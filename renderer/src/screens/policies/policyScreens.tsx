import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute } from '../../router/hash.ts';
import type { Screen } from '../../router/routes.ts';
import { DonePage } from './Bits.tsx';
import { LinkDetailScreen } from './LinkDetailScreen.tsx';
import { LinkingScreen } from './LinkingScreen.tsx';
import { PartnerDetailScreen } from './PartnerDetailScreen.tsx';
import { PartnersScreen } from './PartnersScreen.tsx';
import { PoliciesScreen, policyTypeOf } from './PoliciesScreen.tsx';
import { PolicyFormScreen } from './PolicyFormScreen.tsx';
import { PolicyGroupCreateScreen } from './PolicyGroupCreateScreen.tsx';
import { PolicyGroupDetailScreen } from './PolicyGroupDetailScreen.tsx';
import { PolicyGroupsScreen } from './PolicyGroupsScreen.tsx';
import { PolicyViewScreen } from './PolicyViewScreen.tsx';

function GroupCreated() {
  const { t } = useTranslation();
  const name = useRoute().query.get('name') ?? '';
  return (
    <DonePage
      title={t('policies.groups.createdTitle', { name })}
      description={t('policies.groups.createdDescription')}
      back="/admin/policy-groups"
      backLabel={t('policies.groups.backToGroups')}
    />
  );
}

function PolicySaved() {
  const { t } = useTranslation();
  const query = useRoute().query;
  const name = query.get('name') ?? '';
  const type = policyTypeOf(query.get('type'));
  return (
    <DonePage
      title={t('policies.form.savedTitle', { name })}
      description={t('policies.form.savedDescription')}
      back={`/admin/policies?type=${type}`}
      backLabel={t('policies.form.backToPolicies')}
    />
  );
}

/** The admin screens of issue 4, by route screen name; null for any other screen. */
export function policyScreen(screen: Screen): ReactNode {
  switch (screen) {
    case 'policyGroups':
      return <PolicyGroupsScreen />;
    case 'policyGroupCreate':
      return <PolicyGroupCreateScreen />;
    case 'policyGroupCreated':
      return <GroupCreated />;
    case 'policyGroupDetail':
      return <PolicyGroupDetailScreen />;
    case 'policies':
      return <PoliciesScreen />;
    case 'policyCreate':
      return <PolicyFormScreen key="create" mode="create" />;
    case 'policyEdit':
      return <PolicyFormScreen key="edit" mode="edit" />;
    case 'policySaved':
      return <PolicySaved />;
    case 'policyView':
      return <PolicyViewScreen />;
    case 'policyLinking':
      return <LinkingScreen />;
    case 'policyLinkDetail':
      return <LinkDetailScreen />;
    case 'adminPartners':
      return <PartnersScreen />;
    case 'adminPartnerDetail':
      return <PartnerDetailScreen />;
    default:
      return null;
  }
}
