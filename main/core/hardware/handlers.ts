import type { AuditRef } from '../../contract/audit-vocabulary.ts';
import { AppError } from '../../contract/index.ts';
import type { ParsedInput } from '../../contract/index.ts';
import type { WorkOwner } from './service.ts';
import type { QueryCtx } from '../context.ts';
import { requireActor } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { action, command, query } from '../handlers.ts';
import { trustStoreOf } from '../certificates/trust.ts';
import { ownPartner } from '../partners/access.ts';
import { onboardFtmChip, prepareFtmOnboarding } from './ftm-onboard.ts';
import { compareWithRegistry, prefillFrom } from './registry.ts';
import { trustVirtualRoots, virtualRootThumbprints } from './virtual-roots.ts';

type HardwareMethods =
  | 'hardware.usb.list'
  | 'sbi.discover'
  | 'sbi.inspect'
  | 'sbi.stream.start'
  | 'sbi.stream.stop'
  | 'sbi.bench.cases'
  | 'sbi.bench.start'
  | 'sbi.bench.report'
  | 'tasks.answer'
  | 'tasks.cancel'
  | 'hardware.ftm.chips'
  | 'hardware.ftm.read'
  | 'hardware.ftm.onboard'
  | 'virtualSbi.state'
  | 'virtualSbi.control'
  | 'virtualSbi.trustRoots';

const verifyCtx = (ctx: QueryCtx) => ({ trust: trustStoreOf(ctx.db), now: ctx.now });

/** A device provider acts for its own organisation: certificates must name it (MOSIP's org check). */
function orgOf(ctx: QueryCtx): { orgName?: string } {
  const actor = requireActor(ctx.actor);
  if (actor.isAdmin || actor.partnerIds.length !== 1) return {};
  const row = ctx.db.prepare('SELECT name FROM partner WHERE id = ?').get(actor.partnerIds[0]) as
    { name: string } | undefined;
  return row ? { orgName: row.name } : {};
}

/**
 * Only the configured SBI ports: a session must not turn the desk into a client for any other
 * service on this machine (the renderer is untrusted; SBI lives on 4501–4600).
 */
function sbiPort(ctx: QueryCtx, port: number): number {
  const { sbiPortFrom, sbiPortTo } = ctx.deps.config.hardware;
  if (port < sbiPortFrom || port > sbiPortTo) {
    throw new AppError('PD_HW_001', `Port ${port} is outside the SBI port range ${sbiPortFrom}–${sbiPortTo}.`, {
      port: 'PD_HW_001',
    });
  }
  return port;
}

const taskNotFound = () => new AppError('PD_HW_004', 'This task no longer exists.');

/** The caller as the owner of work it starts: its events go to this session. */
function ownerOf(ctx: QueryCtx): WorkOwner {
  const actor = requireActor(ctx.actor);
  return { userId: actor.userId, session: actor.sessionHash };
}

/**
 * Work someone started (a bench run, a stream, the virtual SBI) is acted on by that user — from
 * any of their sessions — or by the admin; `null` is work the system started (`--demo`): admin only.
 */
function requireOwner(ctx: QueryCtx, owner: WorkOwner | null, what: string): void {
  const actor = requireActor(ctx.actor);
  if (actor.isAdmin || (owner !== null && owner.userId === actor.userId)) return;
  throw new AppError('PD_HW_008', `${what} was started by someone else: only they or the administrator can act on it.`);
}

/** The task, if it exists and the caller may act on it. */
function ownTask(ctx: QueryCtx, taskId: string): void {
  const owner = ctx.deps.hardware.taskOwner(taskId);
  if (owner === undefined) throw taskNotFound();
  requireOwner(ctx, owner, 'This task');
}

const taskRef = (input: { taskId: string }): AuditRef => ({ type: 'task', id: input.taskId });
const streamRef = (input: { streamId: string }): AuditRef => ({ type: 'stream', id: input.streamId });

function maySteerVirtualSbi(ctx: QueryCtx): boolean {
  const owner = ctx.deps.hardware.virtualOwner();
  const actor = requireActor(ctx.actor);
  return owner === undefined || actor.isAdmin || (owner !== null && owner.userId === actor.userId);
}

function virtualState(ctx: QueryCtx) {
  return { ...ctx.deps.hardware.virtualState(virtualRootThumbprints(ctx.db)), steerable: maySteerVirtualSbi(ctx) };
}

export const hardwareHandlers: HandlerMap<HardwareMethods> = {
  'hardware.usb.list': query((ctx) => ctx.deps.hardware.usbList()),
  'sbi.discover': query((ctx, input) => {
    // Background rescans read the trust store as it is then, on the read connection they came with.
    const org = orgOf(ctx);
    const again = () => ({ trust: trustStoreOf(ctx.db), now: ctx.deps.now(), ...org });
    return ctx.deps.hardware.discover({ ...verifyCtx(ctx), ...org, refresh: input.refresh, again });
  }),
  'sbi.inspect': query(async (ctx, input: ParsedInput<'sbi.inspect'>) => {
    const partner = ownPartner(ctx.db, requireActor(ctx.actor), input.partnerId);
    const device = await ctx.deps.hardware.inspect({
      ...verifyCtx(ctx),
      orgName: partner.name,
      port: sbiPort(ctx, input.port),
      deviceId: input.deviceId,
    });
    const prefill = prefillFrom(device);
    return { device, prefill, ...compareWithRegistry(ctx.db, partner, device, prefill) };
  }),
  'sbi.stream.start': action({
    module: 'hardware',
    refOf: (input) => ({ type: 'port' as const, id: String(input.port) }),
    async run(ctx, input) {
      const streamId = await ctx.deps.hardware.streamStart({
        ...input,
        port: sbiPort(ctx, input.port),
        owner: ownerOf(ctx),
      });
      return { output: { streamId }, ref: { type: 'stream' as const, id: streamId } };
    },
  }),
  'sbi.stream.stop': action({
    module: 'hardware',
    refOf: streamRef,
    run(ctx, input) {
      const owner = ctx.deps.hardware.streamOwner(input.streamId);
      // An ended stream is not an error: the view may close after the device ended it.
      if (owner === undefined) return { output: { stopped: false } };
      requireOwner(ctx, owner, 'This live view');
      return { output: { stopped: ctx.deps.hardware.streamStop(input.streamId) } };
    },
  }),
  'sbi.bench.cases': query(async (ctx, input) => ({
    cases: await ctx.deps.hardware.benchCases({ ...input, port: sbiPort(ctx, input.port) }),
  })),
  'sbi.bench.start': action({
    module: 'hardware',
    refOf: (input) => ({ type: 'port' as const, id: String(input.port) }),
    async run(ctx, input) {
      // Letting the bench answer its prompts steers the virtual SBI: only its starter or the admin may.
      const owner = ctx.deps.hardware.virtualOwner();
      if (input.autoPrompts && owner !== undefined) requireOwner(ctx, owner, 'The virtual SBI');
      const started = await ctx.deps.hardware.benchStart({
        ...verifyCtx(ctx),
        ...orgOf(ctx),
        ...input,
        port: sbiPort(ctx, input.port),
        owner: ownerOf(ctx),
      });
      return { output: started, ref: { type: 'task' as const, id: started.taskId } };
    },
  }),
  'sbi.bench.report': query((ctx, input) => {
    ownTask(ctx, input.taskId);
    const report = ctx.deps.hardware.benchReport(input.taskId, input.format);
    if (!report) throw taskNotFound();
    return report;
  }),
  'tasks.answer': action({
    module: 'hardware',
    refOf: taskRef,
    run(ctx, input) {
      ownTask(ctx, input.taskId);
      const accepted = ctx.deps.hardware.answer(input.taskId, input.answer);
      if (accepted === null) throw taskNotFound();
      return { output: { accepted } };
    },
  }),
  'tasks.cancel': action({
    module: 'hardware',
    refOf: taskRef,
    run(ctx, input) {
      ownTask(ctx, input.taskId);
      const cancelled = ctx.deps.hardware.cancel(input.taskId);
      if (cancelled === null) throw taskNotFound();
      return { output: { cancelled } };
    },
  }),
  'hardware.ftm.chips': query(async (ctx) => ({ chips: await ctx.deps.hardware.ftmChips() })),
  'hardware.ftm.read': query(async (ctx, input) => {
    const { leafPem: _leaf, ...reading } = await ctx.deps.hardware.ftmRead({
      ...verifyCtx(ctx),
      ...orgOf(ctx),
      path: input.path,
    });
    return reading;
  }),
  'hardware.ftm.onboard': command<'hardware.ftm.onboard', Awaited<ReturnType<typeof prepareFtmOnboarding>>>({
    module: 'ftm',
    prepare: prepareFtmOnboarding,
    apply: onboardFtmChip,
  }),
  'virtualSbi.state': query((ctx) => virtualState(ctx)),
  'virtualSbi.control': action({
    module: 'hardware',
    refOf: (input) => ({ type: 'virtualSbi' as const, id: input.action }),
    async run(ctx, input) {
      // Whoever starts the device owns it; while it runs, only they or the admin steer or stop it.
      const owner = ctx.deps.hardware.virtualOwner();
      if (owner !== undefined) requireOwner(ctx, owner, 'The virtual SBI');
      await ctx.deps.hardware.virtualControl(input, ownerOf(ctx));
      return { output: virtualState(ctx) };
    },
  }),
  'virtualSbi.trustRoots': command<'virtualSbi.trustRoots'>({
    module: 'trust-store',
    apply: (ctx, input) => trustVirtualRoots(ctx, input),
  }),
};
