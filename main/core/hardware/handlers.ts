import { AppError } from '../../contract/index.ts';
import type { ParsedInput } from '../../contract/index.ts';
import type { QueryCtx } from '../context.ts';
import { requireActor } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
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
  const row = ctx.db.prepare('SELECT name FROM partner WHERE id = ?').get(actor.partnerIds[0]) as { name: string } | undefined;
  return row ? { orgName: row.name } : {};
}

/**
 * Only the configured SBI ports: a session must not turn the desk into a client for any other
 * service on this machine (the renderer is untrusted; SBI lives on 4501–4600).
 */
function sbiPort(ctx: QueryCtx, port: number): number {
  const { sbiPortFrom, sbiPortTo } = ctx.deps.config.hardware;
  if (port < sbiPortFrom || port > sbiPortTo) {
    throw new AppError('PD_HW_001', `Port ${port} is outside the SBI port range ${sbiPortFrom}–${sbiPortTo}.`, { port: 'PD_HW_001' });
  }
  return port;
}

const taskNotFound = () => new AppError('PD_HW_004', 'This task no longer exists.');

function virtualState(ctx: QueryCtx) {
  return ctx.deps.hardware.virtualState(virtualRootThumbprints(ctx.db));
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
    const device = await ctx.deps.hardware.inspect({ ...verifyCtx(ctx), orgName: partner.name, port: sbiPort(ctx, input.port), deviceId: input.deviceId });
    const prefill = prefillFrom(device);
    return { device, prefill, ...compareWithRegistry(ctx.db, partner, device, prefill) };
  }),
  'sbi.stream.start': query(async (ctx, input) => ({ streamId: await ctx.deps.hardware.streamStart({ ...input, port: sbiPort(ctx, input.port) }) })),
  'sbi.stream.stop': query((ctx, input) => ({ stopped: ctx.deps.hardware.streamStop(input.streamId) })),
  'sbi.bench.cases': query(async (ctx, input) => ({ cases: await ctx.deps.hardware.benchCases({ ...input, port: sbiPort(ctx, input.port) }) })),
  'sbi.bench.start': query((ctx, input) => ctx.deps.hardware.benchStart({ ...verifyCtx(ctx), ...orgOf(ctx), ...input, port: sbiPort(ctx, input.port) })),
  'sbi.bench.report': query((ctx, input) => {
    const report = ctx.deps.hardware.benchReport(input.taskId, input.format);
    if (!report) throw taskNotFound();
    return report;
  }),
  'tasks.answer': query((ctx, input) => {
    const accepted = ctx.deps.hardware.answer(input.taskId, input.answer);
    if (accepted === null) throw taskNotFound();
    return { accepted };
  }),
  'tasks.cancel': query((ctx, input) => {
    const cancelled = ctx.deps.hardware.cancel(input.taskId);
    if (cancelled === null) throw taskNotFound();
    return { cancelled };
  }),
  'hardware.ftm.chips': query(async (ctx) => ({ chips: await ctx.deps.hardware.ftmChips() })),
  'hardware.ftm.read': query(async (ctx, input) => {
    const { leafPem: _leaf, ...reading } = await ctx.deps.hardware.ftmRead({ ...verifyCtx(ctx), ...orgOf(ctx), path: input.path });
    return reading;
  }),
  'hardware.ftm.onboard': command<'hardware.ftm.onboard', Awaited<ReturnType<typeof prepareFtmOnboarding>>>({
    module: 'ftm',
    prepare: prepareFtmOnboarding,
    apply: onboardFtmChip,
  }),
  'virtualSbi.state': query((ctx) => virtualState(ctx)),
  'virtualSbi.control': query(async (ctx, input) => {
    await ctx.deps.hardware.virtualControl(input);
    return virtualState(ctx);
  }),
  'virtualSbi.trustRoots': command<'virtualSbi.trustRoots'>({ module: 'trust-store', apply: (ctx, input) => trustVirtualRoots(ctx, input) }),
};
