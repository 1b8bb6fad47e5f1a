import { randomBytes } from 'node:crypto';
import { AppError } from '../../contract/index.ts';
import type { DispatchEnv, HandlerMap } from '../handlers.ts';
import { command, query, service } from '../handlers.ts';
import { requireActor } from '../context.ts';
import { newUuid } from '../ids.ts';
import { IDLE } from './desk-join.ts';
import { deskQueue, deskStatus } from './desk-status.ts';
import { syncRole } from './node.ts';
import { pullChanges } from './server-pull.ts';
import { pushCommands } from './server-push.ts';
import { freezeDays, hashDeskKey, requireServer } from './server-desks.ts';

type SyncMethods =
  | 'sync.register'
  | 'sync.push'
  | 'sync.pull'
  | 'sync.setFreezeDays'
  | 'sync.settings'
  | 'sync.connect'
  | 'sync.status'
  | 'sync.activity'
  | 'sync.cancel'
  | 'sync.queue'
  | 'sync.now'
  | 'sync.signIn';

/** The desk's status with what its client is doing now. */
function statusOf(env: DispatchEnv) {
  return deskStatus(env.reader, env.deps.now(), env.deps.deskSync?.activity() ?? IDLE);
}

export const syncHandlers: HandlerMap<SyncMethods> = {
  'sync.register': command<'sync.register'>({
    module: 'sync',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      requireServer(ctx.db);
      const deskId = newUuid(ctx.deps);
      // The key is the desk's second factor next to the user's session; drawn outside the seeded source, shown once.
      const deskKey = randomBytes(32).toString('base64url');
      const time = ctx.now.toISOString();
      ctx.db
        .prepare('INSERT INTO sync_desk (id, user_id, key_hash, name, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(deskId, actor.userId, hashDeskKey(deskKey), input.name, time);
      return {
        output: { deskId, deskKey, lastSeq: 0, freezeDays: freezeDays(ctx.db), serverTime: time },
        ref: { type: 'desk', id: deskId },
        outbox: false,
      };
    },
  }),
  'sync.push': service((env, actor, input) => pushCommands(env, requireActor(actor), input)),
  'sync.pull': service(async (env, actor, input) => pullChanges(env, requireActor(actor), input)),
  'sync.setFreezeDays': command<'sync.setFreezeDays'>({
    module: 'sync',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      ctx.db
        .prepare(
          "INSERT INTO sync_setting (name, value, upd_by, updated_at) VALUES ('freezeDays', ?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, upd_by = excluded.upd_by, updated_at = excluded.updated_at",
        )
        .run(input.days, actor.userId, ctx.now.toISOString());
      // The server's setting: on a joined desk it is refused (PD_SYNC_004), the admin sets it on the server.
      return {
        output: { freezeDays: input.days },
        ref: { type: 'syncSetting', id: 'freezeDays' },
        outbox: { freezeDays: input.days },
        replay: false as const,
      };
    },
  }),

  'sync.settings': query((ctx) => {
    // A desk knows the freeze from its last pull; the server (or a standalone desk) from its setting.
    if (syncRole(ctx.db) === 'desk')
      return {
        freezeDays:
          (ctx.db.prepare('SELECT freeze_days FROM sync_connection WHERE id = 1').pluck().get() as
            number | undefined) ?? 0,
      };
    return { freezeDays: freezeDays(ctx.db) };
  }),

  'sync.connect': service(async (env, _actor, input) => {
    const port = env.deps.deskSync;
    if (!port) throw new AppError('PD_SYNC_009', 'This Partner Desk cannot join a server.');
    await port.connect(input);
    return statusOf(env);
  }),
  'sync.status': query((ctx) => deskStatus(ctx.db, ctx.now, ctx.deps.deskSync?.activity() ?? IDLE)),
  'sync.activity': query((ctx) => ctx.deps.deskSync?.activity() ?? IDLE),
  'sync.cancel': service(async (env) => {
    const port = env.deps.deskSync;
    if (!port) throw new AppError('PD_SYNC_009', 'This desk is not joined to a server.');
    const before = port.activity();
    if (!before.syncing && deskStatus(env.reader, env.deps.now()).state === 'standalone')
      throw new AppError('PD_SYNC_009', 'This desk is not joined to a server.');
    await port.cancel();
    return port.activity();
  }),
  'sync.queue': query((ctx, input) => deskQueue(ctx.db, input)),
  'sync.now': service(async (env) => {
    const port = env.deps.deskSync;
    if (!port || deskStatus(env.reader, env.deps.now()).state === 'standalone')
      throw new AppError('PD_SYNC_009', 'This desk is not joined to a server.');
    await port.syncNow();
    return statusOf(env);
  }),
  'sync.signIn': service(async (env, _actor, input) => {
    const port = env.deps.deskSync;
    if (!port || deskStatus(env.reader, env.deps.now()).state === 'standalone')
      throw new AppError('PD_SYNC_009', 'This desk is not joined to a server.');
    await port.signIn(input.password);
    return statusOf(env);
  }),
};
