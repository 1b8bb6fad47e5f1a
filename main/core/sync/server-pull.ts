import { AppError } from '../../contract/index.ts';
import type { PulledChange as Change, ParsedInput } from '../../contract/index.ts';
import type { Actor } from '../context.ts';
import type { DispatchEnv } from '../handlers.ts';
import { TABLE_BY_NAME } from './tables.ts';
import type { ReplicatedTable } from './tables.ts';
import { readRow } from './wire.ts';
import type { KeyValues } from './wire.ts';
import { freezeDays, requireServer, verifyDesk } from './server-desks.ts';

/** A page stops at this many bytes of rows even before `limit` rows (certificates are kilobytes). */
const PAGE_BYTES = 4 * 1024 * 1024;

/**
 * What a partner's desk hears when a row is gone from its view. Tables whose rows it owns by an
 * immutable column never leave its view; only the shared tables and the policies (which follow its
 * policy group) do, so only those send deletes — no partner learns the ids of another's rows.
 */
function partnerHearsDelete(t: ReplicatedTable): boolean {
  return t.partnerScope === '1 = 1' || t.name === 'auth_policy';
}

function changeFor(
  reader: DispatchEnv['reader'],
  actor: Actor,
  t: ReplicatedTable,
  key: KeyValues,
  deleted: boolean,
): Change | null {
  if (actor.isAdmin) {
    const row = deleted ? undefined : readRow(reader, t, key);
    return row ? { op: 'put', table: t.name, key, row } : { op: 'del', table: t.name, key };
  }
  if (!t.partnerScope) return null;
  const row = deleted ? undefined : readRow(reader, t, key, { sql: t.partnerScope, uid: actor.userId });
  if (row) return { op: 'put', table: t.name, key, row };
  return partnerHearsDelete(t) ? { op: 'del', table: t.name, key } : null;
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
      .prepare('SELECT seq, tbl, pk, deleted FROM sync_change WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(input.cookie, input.limit) as Array<{
      seq: number;
      tbl: string;
      pk: string;
      deleted: number;
    }>;
    const changes: Change[] = [];
    let cookie = input.cookie;
    let bytes = 0;
    let full = false;
    for (const e of entries) {
      const t = TABLE_BY_NAME.get(e.tbl);
      cookie = e.seq;
      if (!t) continue;
      const change = changeFor(env.reader, actor, t, JSON.parse(e.pk) as KeyValues, e.deleted === 1);
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
