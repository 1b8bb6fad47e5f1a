import type { ParsedInput } from '../../contract/index.ts';
import type { QueryCtx, ReadDb } from '../context.ts';
import { requireActor } from '../context.ts';
import { likeContains } from '../lists/paging.ts';
import { Where, listPage } from '../lists/sort.ts';
import type { SortTerms } from '../lists/sort.ts';
import { partnerScope } from '../partners/access.ts';
import { inTerm, valueFilter } from '../lists/text-search.ts';
import type { TextFilter } from '../lists/text-search.ts';
import { DEVICE_COLUMNS, SBI_COLUMNS, deviceRow, sbiRows } from './rows.ts';
import type { DeviceDb, SbiDb } from './rows.ts';

const DAY_MS = 86_400_000;
const SEEK_MAX = 1000;

/** MOSIP's SBI sort aliases (pms.md §2.2), each following an index of migration 0060. */
const SBI_SORTS: SortTerms = {
  partnerId: ['s.provider_id', 's.created_at', 's.id'],
  orgName: ['s.partner_org_name', 's.id'],
  partnerType: ['s.created_at', 's.id'], // every SBI belongs to a Device_Provider
  sbiId: ['s.id'],
  sbiVersion: ['s.sw_version', 's.id'],
  sbiCreatedDateTime: ['s.sw_cr_dtimes', 's.id'],
  sbiExpiryDateTime: ['s.sw_expiry_dtimes', 's.id'],
  // expired sorts before valid, and expiry orders within each
  sbiExpiryStatus: ['s.sw_expiry_dtimes', 's.id'],
  status: ['s.status', 's.created_at', 's.id'],
  createdDateTime: ['s.created_at', 's.id'],
  countOfAssociatedDevices: ['s.device_count', 's.id'],
};

/** MOSIP's device sort aliases (pms.md §2.2). */
export const DEVICE_SORTS: SortTerms = {
  deviceId: ['d.id'],
  sbiId: ['d.sbi_id', 'd.created_at', 'd.id'], // device_sbi_created (0080)
  sbiVersion: ['d.sbi_version', 'd.id'],
  partnerId: ['d.dprovider_id', 'd.created_at', 'd.id'],
  orgName: ['d.partner_org_name', 'd.id'],
  deviceType: ['d.dtype_code', 'd.created_at', 'd.id'],
  deviceSubType: ['d.dstype_code', 'd.created_at', 'd.id'],
  make: ['d.make', 'd.id'],
  model: ['d.model', 'd.id'],
  status: ['d.status', 'd.created_at', 'd.id'],
  createdDateTime: ['d.created_at', 'd.id'],
};

const walkStatus = (alias: string): boolean => alias !== 'createdDateTime' && alias !== 'status';

/** device_status_open (migration 0080) holds every device but the approved ones: the WHERE it needs. */
const OPEN = "(d.approval_status <> 'approved' OR d.is_active = 0)";

/**
 * The device status filter. With another sort the sort's index is walked and the status checked on
 * the way ('+'); by date or status, device_status_open serves every status but 'approved', whose
 * devices (the bulk) are walked in date order.
 */
function deviceStatusTerm(w: Where, status: string, alias: string): void {
  if (walkStatus(alias)) w.add('+d.status = ?', status);
  else if (status === 'approved') w.add('d.status = ?', status);
  else w.add(`d.status = ? AND ${OPEN}`, status);
}

function inList(w: Where, expr: string, ids: readonly string[]): void {
  const t = inTerm(expr, ids);
  w.add(t.sql, ...t.params);
}

// make and model have value indexes (migration 0070) over device_make / device_model
const MAKE = {
  name: 'make',
  index: 'device_make_value',
  table: 'device_detail',
  alias: 'd',
  column: 'make',
};
const MODEL = {
  name: 'model',
  index: 'device_model_value',
  table: 'device_detail',
  alias: 'd',
  column: 'model',
};

/**
 * The count's and the page's WHERE: `w` plus the contains-filters — by id when one matches few
 * rows, else in their index form for the count and checked row by row on the page's walk (read
 * through their index when the page is sorted by that column: `sortAlias`).
 */
function withText(w: Where, texts: readonly TextFilter[], sortAlias: string): { count: Where; rows: Where } {
  const count = new Where();
  const rows = new Where();
  w.parts.forEach((sql, i) => {
    count.add(sql, ...(w.termParams[i] ?? []));
    rows.add(sql, ...(w.termParams[i] ?? []));
  });
  const byId = texts.find((t) => t.ids);
  if (byId?.ids) {
    inList(count, 'd.id', byId.ids);
    inList(rows, 'd.id', byId.ids);
  }
  for (const t of texts) {
    if (t === byId) continue;
    count.add((byId ? t.check : t.count).sql, ...(byId ? t.check : t.count).params);
    const inOrder = !byId && t.name === sortAlias ? t.count : t.check;
    rows.add(inOrder.sql, ...inOrder.params);
  }
  return { count, rows };
}

/**
 * Partner filters (MOSIP "contains" on partner id and organisation) resolved on the small partner
 * table to id lists, combined with the caller's scope; null when nothing limits the partners.
 */
function partnerIds(
  db: ReadDb,
  scope: readonly string[] | null,
  partnerId?: string,
  orgName?: string,
): string[] | null {
  const w = new Where();
  if (partnerId) w.add("id LIKE ? ESCAPE '\\'", likeContains(partnerId));
  if (orgName) w.add("name LIKE ? ESCAPE '\\'", likeContains(orgName));
  if (!w.parts.length) return scope ? [...scope] : null;
  if (scope) w.in('id', scope);
  return db
    .prepare(`SELECT id FROM partner ${w.sql}`)
    .pluck()
    .all(...w.params) as string[];
}

/** Total from list_count (kept by triggers) when only the status filters, else counted on an index. */
function total(db: ReadDb, table: string, alias: string, where: Where, onlyStatus: string | null | false): number {
  if (onlyStatus !== false) {
    const sql =
      onlyStatus === null
        ? 'SELECT COALESCE(SUM(n), 0) FROM list_count WHERE tbl = ?'
        : 'SELECT COALESCE(SUM(n), 0) FROM list_count WHERE tbl = ? AND k = ?';
    return db
      .prepare(sql)
      .pluck()
      .get(...(onlyStatus === null ? [table] : [table, onlyStatus])) as number;
  }
  return db
    .prepare(`SELECT COUNT(*) FROM ${table} ${alias} ${where.sql}`)
    .pluck()
    .get(...where.params) as number;
}

export function listSbis(ctx: QueryCtx, input: ParsedInput<'sbis.list'>) {
  const actor = requireActor(ctx.actor);
  const page = listPage(input, SBI_SORTS, 'createdDateTime', 'desc');
  const w = new Where();
  const parts = partnerIds(ctx.db, partnerScope(actor), input.partnerId, input.orgName);
  if (parts) inList(w, 's.provider_id', parts);
  // contains-filters on id / version: matched on their covering indexes first; few matches are then fetched by id
  for (const [value, column, index] of [
    [input.sbiId, 'id', 'sbi_created'],
    [input.sbiVersion, 'sw_version', 'sbi_version'],
  ] as const) {
    if (!value) continue;
    const ids = ctx.db
      .prepare(
        `SELECT id FROM secure_biometric_interface INDEXED BY ${index} WHERE ${column} LIKE ? ESCAPE '\\' LIMIT ${SEEK_MAX + 1}`,
      )
      .pluck()
      .all(likeContains(value)) as string[];
    if (ids.length <= SEEK_MAX) inList(w, 's.id', ids);
    else w.add(`s.${column} LIKE ? ESCAPE '\\'`, likeContains(value));
  }
  // with another sort, the sort's index is walked and the status checked on the way ('+' keeps SQLite
  // from reading the status index and sorting its matches — 70% of the rows)
  if (input.status) w.add(`${walkStatus(page.alias) ? '+' : ''}s.status = ?`, input.status);
  const now = ctx.now.toISOString();
  if (input.sbiExpiryStatus)
    w.add(input.sbiExpiryStatus === 'expired' ? 's.sw_expiry_dtimes < ?' : 's.sw_expiry_dtimes >= ?', now);
  if (input.expiryPeriod)
    w.add(
      's.sw_expiry_dtimes BETWEEN ? AND ?',
      now,
      new Date(ctx.now.getTime() + input.expiryPeriod * DAY_MS).toISOString(),
    );
  const onlyStatus = w.parts.length === 0 ? null : w.parts.length === 1 && input.status ? input.status : false;
  const totalResults = total(ctx.db, 'secure_biometric_interface', 's', w, onlyStatus);
  const rows = ctx.db
    .prepare(
      `SELECT ${SBI_COLUMNS} FROM secure_biometric_interface s ${w.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`,
    )
    .all(...w.params, page.limit, page.offset) as SbiDb[];
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults,
    data: sbiRows(ctx.db, rows, ctx.now).map(({ updatedDateTime: _u, updatedBy: _b, ...r }) => r),
  };
}

export function listDevices(ctx: QueryCtx, input: ParsedInput<'devices.list'>) {
  const actor = requireActor(ctx.actor);
  const page = listPage(input, DEVICE_SORTS, 'createdDateTime', 'desc');
  const w = new Where();
  const parts = partnerIds(ctx.db, partnerScope(actor), input.partnerId, input.orgName);
  if (parts) inList(w, 'd.dprovider_id', parts);
  if (input.sbiId) w.add('d.sbi_id = ?', input.sbiId);
  if (input.sbiVersion) {
    // resolved on the SBI table (10× smaller) to SBI ids
    const sbis = ctx.db
      .prepare("SELECT id FROM secure_biometric_interface WHERE sw_version LIKE ? ESCAPE '\\'")
      .pluck()
      .all(likeContains(input.sbiVersion)) as string[];
    inList(w, 'd.sbi_id', sbis);
  }
  if (input.orphan !== undefined) w.add(input.orphan ? 'd.sbi_id IS NULL' : 'd.sbi_id IS NOT NULL');
  if (input.deviceId) w.add("d.id LIKE ? ESCAPE '\\'", likeContains(input.deviceId));
  if (input.deviceTypeCode) w.add('d.dtype_code = ?', input.deviceTypeCode);
  if (input.deviceSubTypeCode) w.add('d.dstype_code = ?', input.deviceSubTypeCode);
  if (input.status) deviceStatusTerm(w, input.status, page.alias);
  const texts: TextFilter[] = [];
  if (input.make) texts.push(valueFilter(ctx.db, MAKE, input.make, SEEK_MAX));
  if (input.model) texts.push(valueFilter(ctx.db, MODEL, input.model, SEEK_MAX));
  const { count, rows: where } = withText(w, texts, page.alias);
  const onlyStatus =
    w.parts.length === 0 && texts.length === 0
      ? null
      : w.parts.length === 1 && input.status && texts.length === 0
        ? input.status
        : false;
  const alone = w.parts.length === 0 && texts.length === 1 ? texts[0]!.total : null;
  const cap = ctx.deps.config.lists.countCap;
  // kept totals are read; others are counted up to the cap (lists/fact-list.ts COUNT_CAP)
  const counted =
    alone || onlyStatus !== false
      ? null
      : (ctx.db
          .prepare(`SELECT COUNT(*) FROM (SELECT 1 FROM device_detail d ${count.sql} LIMIT ?)`)
          .pluck()
          .get(...count.params, cap + 1) as number);
  const exact = () =>
    alone
      ? (ctx.db
          .prepare(alone.sql)
          .pluck()
          .get(...alone.params) as number)
      : total(ctx.db, 'device_detail', 'd', count, onlyStatus);
  const capped = counted !== null && counted > cap;
  // the status order without a status filter: approved devices by date, then device_status_open, merged
  const and = where.parts.length ? `${where.sql} AND` : 'WHERE';
  const sql =
    page.alias === 'status' && !input.status
      ? `SELECT ${DEVICE_COLUMNS} FROM device_detail d ${and} d.status = 'approved' UNION ALL SELECT ${DEVICE_COLUMNS} FROM device_detail d ${and} ${OPEN}
         ORDER BY ${page.orderBy.replaceAll('d.', '')} LIMIT ? OFFSET ?`
      : `SELECT ${DEVICE_COLUMNS} FROM device_detail d ${where.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`;
  const params = page.alias === 'status' && !input.status ? [...where.params, ...where.params] : where.params;
  // past the cap, one row more than the page tells whether more follow
  const rows = ctx.db.prepare(sql).all(...params, capped ? page.limit + 1 : page.limit, page.offset) as DeviceDb[];
  const more = capped && rows.length > page.limit;
  let totalResults: number;
  if (more)
    totalResults = Math.max(cap, page.offset + page.limit); // "more than": rows follow this page
  else if (!capped) totalResults = counted ?? exact();
  else totalResults = rows.length > 0 ? page.offset + rows.length : exact(); // the last page ends the list; past it, counted after all
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults,
    totalIsLowerBound: more,
    data: rows.slice(0, page.limit).map(deviceRow),
  };
}
