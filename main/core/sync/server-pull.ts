import { AppError } from '../../contract/index.ts';
import type { PulledChange as Change, ParsedInput } from '../../contract/index.ts';
import type { Actor } from '../context.ts';
import type { DispatchEnv } from '../handlers.ts';
import { ALL, TABLE_BY_NAME, scopeOf } from './tables.ts';
import type { ReplicatedTable } from './tables.ts';
import { readRow } from './wire.ts';
import type { KeyValues } from './wire.ts';
import { freezeDays, requireServer, verifyDesk } from './server-desks.ts';

/** A page stops at this many bytes of rows even before `limit` rows (certificates are kilobytes). */
const PAGE_BYTES = 4 * 1024 * 1024;

/**
 * A row's change as the session's user may see it. A row outside its view is sent as a delete
 * only where it may have been seen before: the user sees the whole table, the table's rows leave
 * views (policies follow a partner's group), or the delete names this user as the row's owner (a
 * notification) — no user learns the ids of rows never shown to it.
 */
function changeFor(
  reader: DispatchEnv['reader'],
  actor: Actor,
  t: ReplicatedTable,
  entry: { key: KeyValues; deleted: boolean; owner: string | null },
): Change | null {
  const { key } = entry;
  const scope = scopeOf(t, actor.roles);
  if (scope === null) return null;
  const row = entry.deleted
    ? undefined
    : readRow(reader, t, key, scope === ALL ? undefined : { sql: scope, uid: actor.userId });
  if (row) return { op: 'put', table: t.name, key, row };
  const hears = scope === ALL || t.leavesView === true || (entry.deleted && entry.owner === actor.userId);
  return hears ? { op: 'del', table: t.name, key } : null;
}

/**
 * One page of the change log after the desk's cookie, read in one snapshot together with the desk's
 * last decided seq: if the page reaches the head, every effect of every command up to `lastSeq` is
 * in what the desk has pulled. Rows are filtered by the role of the session's user, computed here,
 * never by anything the desk says about itself.
 */
export function pullChanges(env: DispatchEnv, actor: Actor, input: ParsedInput<'sync.pull'>) {
  requireServer(env.reader);
  const desk = verifyDesk(env.reader, actor, input.deskId, input.deskKey);
  const page = env.reader.transaction(() => {
    const head = (
      env.reader.prepare('SELECT COALESCE(MAX(seq), 0) AS head FROM sync_change').get() as {
        head: number;
      }
    ).head;
    if (input.cookie > head)
      throw new AppError('PD_SYNC_012', 'This desk is ahead of the server (was the server restored?); it starts over.');
    const lastSeq = (
      env.reader.prepare('SELECT last_seq FROM sync_desk WHERE id = ?').get(desk.id) as {
        last_seq: number;
      }
    ).last_seq;
    const entries = env.reader
      .prepare('SELECT seq, tbl, pk, deleted, owner FROM sync_change WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(input.cookie, input.limit) as Array<{
      seq: number;
      tbl: string;
      pk: string;
      deleted: number;
      owner: string | null;
    }>;
    const changes: Change[] = [];
    let cookie = input.cookie;
    let bytes = 0;
    let full = false;
    for (const e of entries) {
      const t = TABLE_BY_NAME.get(e.tbl);
      cookie = e.seq;
      if (!t) continue;
      const change = changeFor(env.reader, actor, t, {
        key: JSON.parse(e.pk) as KeyValues,
        deleted: e.deleted === 1,
        owner: e.owner,
      });
      if (change) {
        changes.push(change);
        bytes += change.op === 'put' ? JSON.stringify(change.row).length : 64;
      }
      if (bytes >= PAGE_BYTES) {
        full = true;
        break;
      }
    }
    if (!full && entries.length < input.limit) cookie = head;
    return {
      reset: input.cookie === 0,
      changes,
      cookie,
      complete: cookie >= head,
      lastSeq,
      head,
      freezeDays: freezeDays(env.reader),
    };
  })();
  const now = env.deps.now().toISOString();
  env.writer.prepare('UPDATE sync_desk SET last_pull_at = ? WHERE id = ?').run(now, desk.id);
  env.writer
    .prepare('UPDATE app_session SET last_active_at = ? WHERE token_hash = ? AND ended_at IS NULL')
    .run(now, actor.sessionHash);
  return { ...page, serverTime: now };
}
