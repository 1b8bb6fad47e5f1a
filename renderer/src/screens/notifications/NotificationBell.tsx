import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import { useUi } from '../../stores/ui.ts';
import { describeNotification, objectLink } from './describe.ts';

/** MOSIP's bell shows the latest few (page size 4). */
const PANEL_SIZE = 4;

function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-5"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.7 21a2 2 0 0 1-3.4 0" />
    </svg>
  );
}

/**
 * The unread count against the user's last-seen time; the core's `data.changed {notifications}`
 * refetches it (no polling). Opening the panel marks everything seen, as MOSIP's header does.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const unread = useRecord('notifications.unread', {});
  const latest = useRecord('notifications.list', open ? { pageSize: PANEL_SIZE, notificationStatus: 'ACTIVE' } : null);
  const markSeen = useCommand('notifications.markSeen');
  const dismiss = useCommand('notifications.dismiss');
  const count = unread.data?.unread ?? 0;
  const today = new Date().toISOString().slice(0, 10);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function toggle() {
    const next = !open;
    setOpen(next);
    if (next && count > 0) void markSeen.run({});
  }

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        data-testid="notification-bell"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
        onClick={toggle}
        className="relative inline-flex items-center rounded-md p-1.5 text-white hover:bg-brand-700"
      >
        <BellIcon />
        {count > 0 ? (
          <span
            data-testid="notification-count"
            className="absolute -top-1 -end-1 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white"
          >
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          ref={panelRef}
          id={panelId}
          role="dialog"
          aria-label={t('notifications.panelTitle')}
          data-testid="notification-panel"
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
          className="panel absolute end-0 z-30 mt-2 w-96 max-w-[calc(100vw-2rem)] text-slate-800"
        >
          <h2 className="border-b border-slate-200 px-4 py-2 text-sm font-semibold">{t('notifications.panelTitle')}</h2>
          {dismiss.error ? (
            <p role="alert" className="px-4 py-2 text-sm text-bad-fg">
              {t(`errors.${dismiss.error.code}`)}
            </p>
          ) : null}
          <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
            {latest.data && latest.data.data.length === 0 ? (
              <li className="px-4 py-3 text-sm text-slate-600">{t('notifications.panelEmpty')}</li>
            ) : null}
            {(latest.data?.data ?? []).map((n) => {
              const text = describeNotification(n, t, lang, today);
              const link = objectLink(n);
              return (
                <li
                  key={n.notificationId}
                  data-testid="notification-item"
                  data-type={n.notificationType}
                  className="space-y-1 px-4 py-3 text-sm"
                >
                  <p className="font-medium">{t(`notifications.type.${n.notificationType}`)}</p>
                  <p dir="auto">{text}</p>
                  <p className="text-xs text-slate-500">{formatDateTime(n.createdDateTime, lang)}</p>
                  <div className="flex flex-wrap gap-3 pt-1">
                    {link && n.notificationType !== 'WEEKLY_SUMMARY' ? (
                      <Link to={link} className="link" data-testid="notification-open" onClick={() => setOpen(false)}>
                        {t(`notifications.renew.${n.notificationType}`)}
                      </Link>
                    ) : null}
                    <button
                      type="button"
                      className="link"
                      data-testid="notification-dismiss"
                      aria-label={t('notifications.dismissLabel', { what: text })}
                      disabled={dismiss.pending}
                      onClick={() =>
                        void dismiss.run({
                          notificationId: n.notificationId,
                          notificationStatus: 'DISMISSED',
                        })
                      }
                    >
                      {t('notifications.dismiss')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
          <div className="border-t border-slate-200 px-4 py-2 text-sm">
            <Link
              to="/notifications"
              className="link"
              data-testid="notification-view-all"
              onClick={() => setOpen(false)}
            >
              {t('notifications.viewAll')}
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
