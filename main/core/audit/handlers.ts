import type { HandlerMap } from '../handlers.ts';
import { query } from '../handlers.ts';
import { likeContains, pageClause } from '../lists/paging.ts';

const SORT: Record<string, string> = {
  time: 'time',
  module: 'module',
  action: 'action',
  actor: 'actor',
  result: 'result',
};

interface Row {
  event_id: string;
  module: string;
  action: string;
  actor: string;
  ref_type: string | null;
  ref_id: string | null;
  result: 'success' | 'failure';
  error_code: string | null;
  time: string;
}

export const auditHandlers: HandlerMap<'audit.list'> = {
  // Filter, sort and page in SQL: the log grows with every command and must never be loaded whole.
  'audit.list': query((ctx, input) => {
    const page = pageClause(input, SORT, 'time');
    const where: string[] = [];
    const params: Array<string> = [];
    if (input.module) {
      where.push('module = ?');
      params.push(input.module);
    }
    if (input.action) {
      where.push("lower(action) LIKE ? ESCAPE '\\'");
      params.push(likeContains(input.action));
    }
    if (input.actor) {
      where.push("lower(actor) LIKE ? ESCAPE '\\'");
      params.push(likeContains(input.actor));
    }
    if (input.result) {
      where.push('result = ?');
      params.push(input.result);
    }
    if (input.from) {
      where.push('time >= ?');
      params.push(input.from);
    }
    if (input.to) {
      where.push('time <= ?');
      params.push(input.to);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = ctx.db.prepare(`SELECT COUNT(*) AS n FROM app_audit_log ${whereSql}`).get(...params) as { n: number };
    const rows = ctx.db
      .prepare(`SELECT * FROM app_audit_log ${whereSql} ORDER BY ${page.orderBy}, event_id LIMIT ? OFFSET ?`)
      .all(...params, page.limit, page.offset) as Row[];
    return {
      pageNo: input.pageNo,
      pageSize: input.pageSize,
      totalResults: total.n,
      data: rows.map((r) => ({
        eventId: r.event_id,
        module: r.module,
        action: r.action,
        actor: r.actor,
        refType: r.ref_type,
        refId: r.ref_id,
        result: r.result,
        errorCode: r.error_code,
        time: r.time,
      })),
    };
  }),
};
