import { useTranslation } from 'react-i18next';
import type { UserProfile } from '../contract.ts';
import { Link } from '../router/Link.tsx';
import { useRoute } from '../router/hash.ts';
import { BrandMark } from './BrandMark.tsx';
import { UserMenu } from './UserMenu.tsx';
import { navSlotsFor } from '../router/routes.ts';
import { NavMenu } from './NavMenu.tsx';
import { NotificationBell } from '../screens/notifications/NotificationBell.tsx';

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
        <nav aria-label={t('header.mainNav')} className="flex items-center gap-1" data-testid="main-nav">
          {navSlotsFor(user).map((slot) =>
            slot.kind === 'link' ? (
              <span key={slot.item.path} className="contents">
                {navLink(slot.item.path, slot.item.entry.nav?.label(t) ?? slot.item.path)}
              </span>
            ) : (
              <NavMenu
                key={slot.group}
                label={t(`shell.navGroups.${slot.group}`)}
                links={slot.items.map((item) => ({
                  to: item.path,
                  label: item.entry.nav?.label(t) ?? item.path,
                }))}
                current={path}
                testId={`nav-group-${slot.group}`}
              />
            ),
          )}
        </nav>
        <div className="ms-auto flex items-center gap-3">
          <span className="hidden text-sm text-brand-100 2xl:inline" data-testid="header-org">
            {user.orgName}
          </span>
          <NotificationBell />
          <UserMenu username={user.userId} orgName={user.orgName} onLogout={onLogout} />
        </div>
      </div>
    </header>
  );
}
