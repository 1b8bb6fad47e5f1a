import { AppError } from '../../contract/index.ts';
import type { Output, ParsedInput } from '../../contract/index.ts';
import {
  ADMIN_NOTIFICATION_TYPES,
  NotificationDetails,
  PARTNER_NOTIFICATION_ROLES,
} from '../../contract/methods/notifications.ts';
import type { NotificationType } from '../../contract/methods/notifications.ts';
import type { Actor, ReadDb, WriteDb } from '../context.ts';
import { pageClause } from '../lists/paging.ts';
import { addDays, isDay } from './days.ts';

type Record_ = Output<'notifications.list'>['data'][number];

export interface NotificationRow {
  id: string;
  user_id: string;
  partner_id: string;
  type: NotificationType;
  status: 'ACTIVE' | 'DISMISSED';
  details: string;
  expires_on: string;
  created_at: string;
}

export const ROW_COLS = 'n.id, n.user_id, n.partner_id, n.type, n.status, n.details, n.expires_on, n.created_at';

export function toRecord(r: NotificationRow): Record_ {
  return {
    notificationId: r.id,
    notificationPartnerId: r.partner_id,
    notificationType: r.type,
    notificationStatus: r.status,
    createdDateTime: r.created_at,
    notificationDetails: NotificationDetails.parse(JSON.parse(r.details)),
    expiryDate: r.expires_on,
  };
}

/**
 * The types a user sees without a filter (pms.md §4): admins the root, intermediate and weekly
 * ones; partners their certificate ones plus FTM, API key and SBI ones by the roles they hold.
 */
export function visibleTypes(actor: Actor): NotificationType[] {
  if (actor.roles.includes('PARTNER_ADMIN')) return [...ADMIN_NOTIFICATION_TYPES];
  return (Object.entries(PARTNER_NOTIFICATION_ROLES) as Array<[NotificationType, string | null]>)
    .filter(([, role]) => role === null || actor.roles.some((r) => r === role))
    .map(([type]) => type);
}

/** The WHERE clause of what the actor may see: its own, of visible types, partners' only for active partners. */
export function scopeSql(actor: Actor, types: readonly NotificationType[]): { where: string[]; params: unknown[] } {
  const where = ['n.user_id = ?', `n.type IN (${types.map(() => '?').join(', ') || "''"})`];
  const params: unknown[] = [actor.userId, ...types];
  if (!actor.roles.includes('PARTNER_ADMIN')) {
    where.push(
      "n.partner_id IN (SELECT id FROM partner WHERE user_id = ? AND approval_status = 'approved' AND is_active = 1)",
    );
    params.push(actor.userId);
  }
  return { where, params };
}

function checkDay(field: string, value: string | undefined): void {
  if (value !== undefined && !isDay(value))
    throw new AppError('PMS_NOTIFICATION_ERROR_016', `${field} must be a date written yyyy-MM-dd.`, {
      [field]: 'PMS_NOTIFICATION_ERROR_016',
    });
}

export function listNotifications(
  db: ReadDb,
  actor: Actor,
  input: ParsedInput<'notifications.list'>,
): Output<'notifications.list'> {
  const type = input.notificationType;
  if (type && ADMIN_NOTIFICATION_TYPES.includes(type) && !actor.roles.includes('PARTNER_ADMIN')) {
    throw new AppError(
      'PMS_NOTIFICATION_ERROR_006',
      'Only partner admins receive root, intermediate and weekly notifications.',
      { notificationType: 'PMS_NOTIFICATION_ERROR_006' },
    );
  }
  const itemFilter = input.itemId !== undefined || input.itemName !== undefined || input.expiryDate !== undefined;
  if (itemFilter && !type)
    throw new AppError('PMS_NOTIFICATION_ERROR_015', 'Choose a notification type to filter by item.', {
      notificationType: 'PMS_NOTIFICATION_ERROR_015',
    });
  const created = input.createdFromDate !== undefined || input.createdToDate !== undefined;
  if (created && type !== 'WEEKLY_SUMMARY')
    throw new AppError('PMS_NOTIFICATION_ERROR_017', 'Created-date filters apply to weekly summaries only.', {
      notificationType: 'PMS_NOTIFICATION_ERROR_017',
    });
  if (itemFilter && type === 'WEEKLY_SUMMARY')
    throw new AppError('PD_NOTIF_001', 'Weekly summaries have no item to filter by.', {
      notificationType: 'PD_NOTIF_001',
    });
  checkDay('expiryDate', input.expiryDate);
  checkDay('createdFromDate', input.createdFromDate);
  checkDay('createdToDate', input.createdToDate);
  const page = pageClause(input, { createdDateTime: 'n.created_at' }, 'createdDateTime');
  const visible = visibleTypes(actor);
  const { where, params } = scopeSql(actor, type ? visible.filter((t) => t === type) : visible);
  if (input.notificationStatus) {
    where.push('n.status = ?');
    params.push(input.notificationStatus.toUpperCase());
  }
  if (input.itemId) {
    where.push('n.item_key = ?');
    params.push(input.itemId);
  }
  if (input.itemName) {
    where.push("lower(n.item_name) LIKE ? ESCAPE '\\'");
    params.push(`%${input.itemName.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (input.expiryDate) {
    where.push('n.expires_on = ?');
    params.push(input.expiryDate);
  }
  if (input.createdFromDate) {
    where.push('n.created_at >= ?');
    params.push(input.createdFromDate);
  }
  if (input.createdToDate) {
    where.push('n.created_at < ?');
    params.push(addDays(input.createdToDate, 1));
  }
  const whereSql = where.join(' AND ');
  const total = db
    .prepare(`SELECT COUNT(*) FROM notification n WHERE ${whereSql}`)
    .pluck()
    .get(...params) as number;
  const dir = page.orderBy.endsWith('ASC') ? 'ASC' : 'DESC';
  const rows = db
    .prepare(
      `SELECT ${ROW_COLS} FROM notification n WHERE ${whereSql} ORDER BY ${page.orderBy}, n.id ${dir} LIMIT ? OFFSET ?`,
    )
    .all(...params, page.limit, page.offset) as NotificationRow[];
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults: total,
    data: rows.map(toRecord),
  };
}

export function seenAt(db: ReadDb | WriteDb, userId: string): string | null {
  return (
    (db.prepare('SELECT seen_at FROM notification_seen WHERE user_id = ?').pluck().get(userId) as string | undefined) ??
    null
  );
}

/** The bell: active notifications created after the user last opened the panel. */
export function unread(db: ReadDb, actor: Actor): Output<'notifications.unread'> {
  const seen = seenAt(db, actor.userId);
  const { where, params } = scopeSql(actor, visibleTypes(actor));
  where.push("n.status = 'ACTIVE'");
  const newest = db
    .prepare(`SELECT MAX(n.created_at) FROM notification n WHERE ${where.join(' AND ')}`)
    .pluck()
    .get(...params) as string | null;
  const count = db
    .prepare(`SELECT COUNT(*) FROM notification n WHERE ${where.join(' AND ')} AND n.created_at > ?`)
    .pluck()
    .get(...params, seen ?? '') as number;
  return { unread: count, newestCreatedDateTime: newest, seenDateTime: seen };
}
