import { AppError, contract, isMethodName } from '../../contract/index.ts';
import type { MethodName, ParsedInput } from '../../contract/index.ts';
import { runCommand, writeAudit } from '../command.ts';
import type { CommandHandler } from '../command.ts';
import type { Actor, WriteDb } from '../context.ts';
import type { DispatchEnv } from '../handlers.ts';
import { requireServer, verifyDesk } from './server-desks.ts';

type Pushed = ParsedInput<'sync.push'>['commands'][number];
interface Verdict {
  seq: number;
  status: 'applied' | 'conflict';
  code: string | null;
  message: string | null;
  serverTime: string;
}

/**
 * Methods a desk may never push: sign-in and sessions, first-run setup, sync itself, and what reads
 * local hardware (a desk pushes the resulting upload instead, see hardware/ftm-onboard.ts).
 */
function replayable(method: MethodName): boolean {
  if (/^(auth|setup|sync|session|virtualSbi|hardware|sbi|tasks)\./.test(method)) return false;
  if (method === 'profile.changePassword') return false;
  const spec = contract[method];
  return spec.kind === 'command' && spec.access !== 'public';
}

// Pushes of one desk run one at a time (a duplicated request must see the first one's verdicts).
const deskLocks = new Map<string, Promise<unknown>>();
function withDeskLock<T>(deskId: string, work: () => Promise<T>): Promise<T> {
  const before = deskLocks.get(deskId) ?? Promise.resolve();
  const run = before.then(work, work);
  const settled = run.catch(() => undefined);
  deskLocks.set(deskId, settled);
  void settled.then(() => {
    if (deskLocks.get(deskId) === settled) deskLocks.delete(deskId);
  });
  return run;
}

/** The verdict, the desk's new last seq, in the transaction of the command (or of its refusal). */
function record(db: WriteDb, deskId: string, cmd: Pushed, verdict: Omit<Verdict, 'seq'>): void {
  const { last_seq: last } = db.prepare('SELECT last_seq FROM sync_desk WHERE id = ?').get(deskId) as {
    last_seq: number;
  };
  // The desk lock makes this impossible; if it ever happens the transaction rolls back and nothing is decided twice.
  if (last !== cmd.seq - 1) throw new Error(`desk ${deskId} moved to ${last} while seq ${cmd.seq} was applied`);
  db.prepare(
    'INSERT INTO sync_command (desk_id, seq, method, actor, status, code, message, desk_time, server_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    deskId,
    cmd.seq,
    cmd.method.slice(0, 64),
    cmd.actor,
    verdict.status,
    verdict.code,
    verdict.message,
    cmd.time,
    verdict.serverTime,
  );
  db.prepare('UPDATE sync_desk SET last_seq = ? WHERE id = ?').run(cmd.seq, deskId);
}

function stored(env: DispatchEnv, deskId: string, seq: number): Verdict {
  const r = env.writer
    .prepare('SELECT status, code, message, server_time FROM sync_command WHERE desk_id = ? AND seq = ?')
    .get(deskId, seq) as
    | {
        status: 'applied' | 'conflict';
        code: string | null;
        message: string | null;
        server_time: string;
      }
    | undefined;
  if (!r) throw new Error(`no stored verdict for ${deskId}/${seq}`);
  return { seq, status: r.status, code: r.code, message: r.message, serverTime: r.server_time };
}

/** Refused before the command path ran (not replayable, role, input): a conflict, audited, seq advanced. */
function refuse(env: DispatchEnv, deskId: string, cmd: Pushed, err: AppError): Verdict {
  const serverTime = env.deps.now().toISOString();
  env.writer.transaction(() => {
    writeAudit(env.writer, {
      module: 'sync',
      action: cmd.method.slice(0, 64),
      actor: cmd.actor,
      result: 'failure',
      errorCode: err.code,
      time: serverTime,
      pushed: { deskId, seq: cmd.seq, deskTime: cmd.time },
    });
    record(env.writer, deskId, cmd, {
      status: 'conflict',
      code: err.code,
      message: err.message,
      serverTime,
    });
  })();
  return { seq: cmd.seq, status: 'conflict', code: err.code, message: err.message, serverTime };
}

async function applyOne(env: DispatchEnv, actor: Actor, deskId: string, cmd: Pushed): Promise<Verdict> {
  if (!isMethodName(cmd.method) || !replayable(cmd.method))
    return refuse(
      env,
      deskId,
      cmd,
      new AppError('PD_SYNC_004', `${cmd.method.slice(0, 64)} cannot be replayed on the server.`),
    );
  const method = cmd.method;
  const spec = contract[method];
  if (spec.access !== 'session' && spec.access !== 'public' && !spec.access.some((r) => actor.roles.includes(r))) {
    return refuse(env, deskId, cmd, new AppError('PD_AUTH_004', 'Your role does not allow this action.'));
  }
  const parsed = spec.input.safeParse(cmd.input ?? {});
  if (!parsed.success)
    return refuse(env, deskId, cmd, new AppError('PMS_COR_002', 'Some fields are missing or invalid.'));
  const handler = env.handlers[method] as CommandHandler<MethodName, unknown>;
  let verdict: Verdict | null = null;
  const pushed = { deskId, seq: cmd.seq, deskTime: cmd.time };
  try {
    await runCommand(method, handler, parsed.data as ParsedInput<MethodName>, {
      writer: env.writer,
      queryCtx: { db: env.reader, deps: env.deps, actor, now: env.deps.now() },
      deps: env.deps,
      actor,
      emit: env.emit,
      sync: {
        seed: Buffer.from(cmd.seed, 'hex'),
        pushed,
        onApplied: (db, serverTime) => {
          verdict = { seq: cmd.seq, status: 'applied', code: null, message: null, serverTime };
          record(db, deskId, cmd, verdict);
        },
        onRefused: (db, err, serverTime) => {
          verdict = {
            seq: cmd.seq,
            status: 'conflict',
            code: err.code,
            message: err.message,
            serverTime,
          };
          record(db, deskId, cmd, verdict);
        },
      },
    });
  } catch (err) {
    // A rule refusal was recorded as a conflict; anything else is temporary: nothing advanced, the desk retries.
    if (!(err instanceof AppError) || verdict === null) throw err;
  }
  if (verdict === null) throw new Error(`no verdict for ${deskId}/${cmd.seq}`);
  return verdict;
}

/**
 * Replicache's push: per command, one transaction with its effects and the desk's seq. A seq the
 * server has decided answers the stored verdict; a seq past the next one is a gap (the desk resends
 * from `expectedSeq`); a rule refusal is a conflict that still advances the seq, so one refused
 * command never blocks the desk's queue.
 */
export async function pushCommands(
  env: DispatchEnv,
  actor: Actor,
  input: ParsedInput<'sync.push'>,
): Promise<{ lastSeq: number; verdicts: Verdict[] }> {
  requireServer(env.reader);
  const desk = verifyDesk(env.reader, actor, input.deskId, input.deskKey);
  input.commands.forEach((c, i) => {
    if (c.deskId !== desk.id) throw new AppError('PD_SYNC_003', `Command ${c.seq} belongs to another desk.`);
    if (c.actor !== actor.userId) throw new AppError('PD_SYNC_003', `Command ${c.seq} was made by another user.`);
    if (i > 0 && c.seq !== input.commands[i - 1]!.seq + 1)
      throw new AppError('PD_SYNC_003', 'The pushed commands must follow each other without gaps.');
  });
  return withDeskLock(desk.id, async () => {
    let last = (
      env.writer.prepare('SELECT last_seq FROM sync_desk WHERE id = ?').get(desk.id) as {
        last_seq: number;
      }
    ).last_seq;
    const first = input.commands[0]!.seq;
    if (first > last + 1)
      throw new AppError('PD_SYNC_002', `The server has this desk's changes up to ${last}; send from ${last + 1}.`, {
        expectedSeq: String(last + 1),
      });
    const verdicts: Verdict[] = [];
    for (const cmd of input.commands) {
      if (cmd.seq <= last) {
        verdicts.push(stored(env, desk.id, cmd.seq));
        continue;
      }
      verdicts.push(await applyOne(env, actor, desk.id, cmd));
      last = cmd.seq;
    }
    env.writer.prepare('UPDATE sync_desk SET last_push_at = ? WHERE id = ?').run(env.deps.now().toISOString(), desk.id);
    return { lastSeq: last, verdicts };
  });
}
