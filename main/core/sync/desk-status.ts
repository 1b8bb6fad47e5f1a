import type { Output, ParsedInput, SyncActivityView } from '../../contract/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import { pageClause } from '../lists/paging.ts';
import { IDLE } from './desk-join.ts';
import { freezesAt } from './desk-outbox.ts';

type Db = ReadDb | WriteDb;

interface ConnectionRow {
  server_url: string;
  desk_id: string;
  user_id: string;
  server_session: string | null;
  freeze_days: number;
  joined_at: string;
  last_pull_at: string | null;
  last_error: string | null;
}

export function deskStatus(db: Db, now: Date, activity: SyncActivityView = IDLE): Output<'sync.status'> {
  const conn = db
    .prepare(
      'SELECT server_url, desk_id, user_id, server_session, freeze_days, joined_at, last_pull_at, last_error FROM sync_connection WHERE id = 1',
    )
    .get() as ConnectionRow | undefined;
  const counts = db
    .prepare("SELECT sync_status AS s, COUNT(*) AS n FROM outbox WHERE sync_status <> 'local' GROUP BY sync_status")
    .all() as Array<{ s: string; n: number }>;
  const n = (s: string) => counts.find((c) => c.s === s)?.n ?? 0;
  if (!conn) {
    return {
      state: 'standalone',
      serverUrl: null,
      deskId: null,
      userId: null,
      pending: 0,
      conflicts: 0,
      applied: 0,
      lastSyncAt: null,
      lastError: null,
      freezeDays: 0,
      freezesAt: null,
      ...activity,
    };
  }
  const freeze = freezesAt(conn);
  const state =
    freeze && now.getTime() >= freeze.getTime()
      ? 'frozen'
      : conn.server_session === null
        ? 'signInNeeded'
        : conn.last_error
          ? 'offline'
          : 'online';
  return {
    state,
    serverUrl: conn.server_url,
    deskId: conn.desk_id,
    userId: conn.user_id,
    pending: n('pending'),
    conflicts: n('conflict'),
    applied: n('applied'),
    lastSyncAt: conn.last_pull_at,
    lastError: conn.last_error,
    freezeDays: conn.freeze_days,
    freezesAt: freeze?.toISOString() ?? null,
    ...activity,
  };
}

const QUEUE_SORT = { seq: 'client_seq', method: 'command', status: 'sync_status', time: 'time' };

/** The queue view: what this desk sent or will send, newest first, with the server's verdicts. */
export function deskQueue(db: Db, input: ParsedInput<'sync.queue'>): Output<'sync.queue'> {
  // MOSIP's list rules, as every list: bad paging or sort answers its PMS_PRT code, not an error.
  const page = pageClause(input, QUEUE_SORT, 'seq');
  const where = input.status ? 'sync_status = ?' : "sync_status <> 'local'";
  const params = input.status ? [input.status] : [];
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE ${where}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT client_seq, command, sync_status, result_code, result_message, local_error, time, server_time, ref_type, ref_id
       FROM outbox WHERE ${where} ORDER BY ${page.orderBy}, client_seq DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, page.limit, page.offset) as Array<{
    client_seq: number;
    command: string;
    sync_status: 'pending' | 'applied' | 'conflict';
    result_code: string | null;
    result_message: string | null;
    local_error: string | null;
    time: string;
    server_time: string | null;
    ref_type: string | null;
    ref_id: string | null;
  }>;
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults: total,
    data: rows.map((r) => ({
      seq: r.client_seq,
      method: r.command,
      status: r.sync_status,
      code: r.result_code,
      message: r.result_message,
      localError: r.local_error,
      time: r.time,
      serverTime: r.server_time,
      refType: r.ref_type,
      refId: r.ref_id,
    })),
  };
}
