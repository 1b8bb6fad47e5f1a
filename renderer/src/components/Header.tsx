import { useTranslation } from 'react-i18next';
import type { UserProfile } from '../contract.ts';
import { Link } from '../router/Link.tsx';
import { useRoute } from '../router/hash.ts';
import { BrandMark } from './BrandMark.tsx';
import { UserMenu } from './UserMenu.tsx';
import { partnerServicesNav } from '../screens/partner-services/nav.ts';
import { devicesNav } from '../screens/devices/nav.ts';
import { hardwareNav } from '../screens/hardware/nav.ts';

interface HeaderProps {
  user: UserProfile;
  onLogout: () => void;
}

export function Header({ user, onLogout }: HeaderProps) {
  const { t } = useTranslation();
  const { path } = useRoute();
  const navLink = (to: string, label: string) => (
    <Link
      to={to}
      aria-current={path === to ? 'page' : undefined}
      className="rounded-md px-3 py-1.5 text-sm font-medium text-brand-100 hover:bg-brand-700 hover:text-white aria-[current=page]:bg-brand-900 aria-[current=page]:text-white"
    >
      {label}
    </Link>
  );
  return (
    <header className="bg-brand-800 text-white shadow">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-2 sm:px-6">
        <Link to="/dashboard" className="rounded-md">
          <BrandMark inverted />
        </Link>
        <nav aria-label={t('header.mainNav')} className="flex items-center gap-1">
          {navLink('/dashboard', t('common.dashboard'))}
          {user.isAdmin ? navLink('/admin/audit', t('audit.title')) : null}
          {user.roles.includes('PARTNER_ADMIN') ? navLink('/admin/trust-store', t('certificates.trustStore.title')) : null}
          {user.isAdmin ? navLink('/admin/policy-groups', t('dashboard.cards.policies.title')) : null}
          {user.roles.includes('PARTNER_ADMIN') ? navLink('/admin/policy-linking', t('dashboard.cards.policyLinking.title')) : null}
          {user.roles.includes('PARTNER_ADMIN') ? navLink('/admin/partners', t('dashboard.cards.partners.title')) : null}
          {user.isAdmin ? null : navLink('/partner/certificates', t('certificates.partnerCert.title'))}
          {devicesNav(user).map(([to, key]) => <span key={to} className="contents">{navLink(to, t(`devices.nav.${key}`))}</span>)}
          {hardwareNav(user).map(([to, key]) => <span key={to} className="contents">{navLink(to, t(`hardware.nav.${key}`))}</span>)}
          {partnerServicesNav(user).map(([to, key]) => <span key={to} className="contents">{navLink(to, t(`partnerServices.nav.${key}`))}</span>)}
        </nav>
        <div className="ms-auto flex items-center gap-3">
          <span className="hidden text-sm text-brand-100 sm:inline" data-testid="header-org">
            {user.orgName}
          </span>
          <UserMenu username={user.userId} onLogout={onLogout} />
        </div>
      </div>
    </header>
  );
}
