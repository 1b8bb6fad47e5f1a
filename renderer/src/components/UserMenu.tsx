import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../router/hash.ts';

interface UserMenuProps {
  username: string;
  /** Shown in the menu when the header has no room for it. */
  orgName?: string;
  onLogout: () => void;
}

/** Menu button pattern: arrows move between items, Escape closes and returns focus. */
export function UserMenu({ username, orgName, onLogout }: UserMenuProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') close(false);
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      list[(index + step + list.length) % list.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      (event.key === 'Home' ? list[0] : list[list.length - 1])?.focus();
    }
  }

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        data-testid="user-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className="inline-flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
      >
        <span aria-hidden="true" className="grid size-7 place-items-center rounded-full bg-white/15 text-xs uppercase">
          {username.slice(0, 2)}
        </span>
        {/* The name comes from the visible text (axe: label-content-name-mismatch), prefixed for screen readers. */}
        <span className="sr-only">{t('header.userMenu')}: </span>
        <span dir="auto">{username}</span>
        <span aria-hidden="true" className="text-xs">
          ▾
        </span>
      </button>
      {open ? (
        <div className="panel absolute end-0 z-30 mt-2 w-56 py-1 text-slate-800">
          {/* Outside the menu role: a menu holds only its items. */}
          {orgName ? (
            <p
              className="truncate border-b border-slate-200 px-4 py-2 text-sm text-slate-600"
              title={orgName}
              data-testid="menu-org"
            >
              <bdi>{orgName}</bdi>
            </p>
          ) : null}
          <div ref={menuRef} id={menuId} role="menu" aria-label={t('header.userMenu')} onKeyDown={onMenuKey}>
            <button
              type="button"
              role="menuitem"
              data-testid="menu-profile"
              className="block w-full px-4 py-2 text-start hover:bg-slate-100 focus-visible:bg-slate-100"
              onClick={() => {
                close(false);
                navigate('/profile');
              }}
            >
              {t('header.profile')}
            </button>
            <button
              type="button"
              role="menuitem"
              data-testid="menu-logout"
              className="block w-full px-4 py-2 text-start hover:bg-slate-100 focus-visible:bg-slate-100"
              onClick={() => {
                close(false);
                onLogout();
              }}
            >
              {t('header.logout')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
