import { useTranslation } from 'react-i18next';
import {
  ADMIN_NOTIFICATION_TYPES,
  NOTIFICATION_TYPES,
  PARTNER_NOTIFICATION_ROLES,
  type NotificationType,
  type UserProfile,
} from '../../contract.ts';
import type { Column } from '../../components/DataTable.tsx';
import { ListView, listIds } from '../../components/ListView.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { useList } from '../../data/useList.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import { useUi } from '../../stores/ui.ts';
import { describeNotification, formatDay, objectLink, type NotificationView } from './describe.ts';
import { MailDelivery } from './MailDelivery.tsx';

const IDS = listIds('notifications');

/** The kinds this user receives (the core answers PMS_NOTIFICATION_ERROR_006 for any other). */
function kindsFor(user: UserProfile): NotificationType[] {
  if (user.roles.includes('PARTNER_ADMIN')) return [...ADMIN_NOTIFICATION_TYPES];
  return NOTIFICATION_TYPES.filter((type) => {
    const role = PARTNER_NOTIFICATION_ROLES[type];
    return role === null || (role !== undefined && user.roles.includes(role));
  });
}

/** Every notification of the user, newest first; filters and paging answered in the core's SQL. */
export function NotificationsScreen({ user }: { user: UserProfile }) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const dismiss = useCommand('notifications.dismiss');
  const today = new Date().toISOString().slice(0, 10);
  const kinds = kindsFor(user);
  const list = useList('notifications.list', {
    id: 'notifications',
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime'],
    parse: {
      notificationType: (v) =>
        (NOTIFICATION_TYPES as readonly string[]).includes(v) ? (v as NotificationType) : undefined,
      notificationStatus: (v) => (v === 'ACTIVE' || v === 'DISMISSED' ? v : undefined),
    },
  });
  const columns: Column<NotificationView>[] = [
    {
      id: 'createdDateTime',
      label: t('notifications.columns.created'),
      width: '11rem',
      sort: 'createdDateTime',
      cell: (n) => <span title={n.createdDateTime}>{formatDateTime(n.createdDateTime, lang)}</span>,
    },
    {
      id: 'type',
      label: t('notifications.columns.type'),
      width: '11rem',
      cell: (n) => <span>{t(`notifications.type.${n.notificationType}`)}</span>,
    },
    {
      id: 'item',
      label: t('notifications.columns.item'),
      width: 'minmax(16rem,1fr)',
      cell: (n) => {
        const text = describeNotification(n, t, lang, today);
        return (
          <span className="truncate" title={text} dir="auto">
            {text}
          </span>
        );
      },
    },
    {
      id: 'expires',
      label: t('notifications.columns.expires'),
      width: '9rem',
      cell: (n) => (n.notificationType === 'WEEKLY_SUMMARY' ? t('common.none') : formatDay(n.expiryDate, lang)),
    },
    {
      id: 'status',
      label: t('notifications.columns.status'),
      width: '7rem',
      cell: (n) => <span data-testid="notification-status">{t(`notifications.status.${n.notificationStatus}`)}</span>,
    },
    {
      id: 'actions',
      label: t('notifications.columns.actions'),
      width: '16rem',
      flex: true,
      cell: (n) => {
        const link = objectLink(n);
        return (
          <span className="flex flex-wrap gap-3">
            {link ? (
              <Link to={link} className="link" data-testid="notification-row-open">
                {t(`notifications.renew.${n.notificationType as Exclude<NotificationType, 'WEEKLY_SUMMARY'>}`)}
              </Link>
            ) : null}
            {n.notificationStatus === 'ACTIVE' ? (
              <button
                type="button"
                className="link"
                data-testid="notification-row-dismiss"
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
            ) : null}
          </span>
        );
      },
    },
  ];
  return (
    <div className="space-y-4">
      <div>
        <h1 className="page-title">{t('notifications.title')}</h1>
        <p className="mt-1 text-slate-600">{t('notifications.description')}</p>
      </div>
      {user.roles.includes('PARTNER_ADMIN') ? <MailDelivery /> : null}
      {dismiss.error ? (
        <p role="alert" className="text-sm text-bad-fg">
          {t(`errors.${dismiss.error.code}`)}
        </p>
      ) : null}
      <ListView
        list={list}
        columns={columns}
        rowKey={(n) => n.notificationId}
        rowData={(n) => ({ 'notification-id': n.notificationId, type: n.notificationType })}
        label={t('notifications.title')}
        empty={t('notifications.empty')}
        ids={IDS}
        minWidth="64rem"
        rowHeight={52}
        filters={[
          {
            name: 'notificationType',
            label: t('notifications.filters.type'),
            options: kinds.map((k) => ({ value: k, label: t(`notifications.type.${k}`) })),
          },
          {
            name: 'notificationStatus',
            label: t('notifications.filters.status'),
            options: (['ACTIVE', 'DISMISSED'] as const).map((s) => ({
              value: s,
              label: t(`notifications.status.${s}`),
            })),
          },
          { name: 'itemName', label: t('notifications.filters.itemName') },
          { name: 'expiryDate', label: t('notifications.filters.expiryDate'), type: 'date' },
        ]}
      />
    </div>
  );
}
