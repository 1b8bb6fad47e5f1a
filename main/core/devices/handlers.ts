import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import { requireActor } from '../context.ts';
import { ownDevice, ownSbi } from './access.ts';
import { addDevice, deactivateDevice, decideDevice } from './device-commands.ts';
import { listDevices, listSbis } from './lists.ts';
import { deviceRow, findSbi, isExpired, sbiRows } from './rows.ts';
import { createSbi, deactivateSbi, decideSbi, expireDueSbis } from './sbi-commands.ts';

type DeviceMethods =
  | 'deviceCatalogue.list'
  | 'sbis.create'
  | 'sbis.list'
  | 'sbis.get'
  | 'sbis.decide'
  | 'sbis.deactivationPreview'
  | 'sbis.deactivate'
  | 'sbis.expireDue'
  | 'devices.add'
  | 'devices.list'
  | 'devices.get'
  | 'devices.decide'
  | 'devices.deactivate';

export const deviceHandlers: HandlerMap<DeviceMethods> = {
  'deviceCatalogue.list': query((ctx) => {
    const types = ctx.db.prepare('SELECT code, name FROM reg_device_type ORDER BY code').all() as Array<{
      code: string;
      name: string;
    }>;
    const subs = ctx.db
      .prepare('SELECT dtype_code, code, name FROM reg_device_sub_type ORDER BY dtype_code, code')
      .all() as Array<{ dtype_code: string; code: string; name: string }>;
    return {
      types: types.map((t) => ({
        ...t,
        subTypes: subs.filter((s) => s.dtype_code === t.code).map(({ code, name }) => ({ code, name })),
      })),
    };
  }),
  'sbis.create': command<'sbis.create'>({ module: 'devices', apply: createSbi }),
  'sbis.list': query(listSbis),
  'sbis.get': query(
    (ctx, input) => sbiRows(ctx.db, [ownSbi(ctx.db, requireActor(ctx.actor), input.sbiId)], ctx.now)[0]!,
  ),
  'sbis.decide': command<'sbis.decide'>({ module: 'devices', apply: decideSbi }),
  'sbis.deactivationPreview': query((ctx, input) => {
    const s = ownSbi(ctx.db, requireActor(ctx.actor), input.sbiId);
    const c = ctx.db
      .prepare(
        "SELECT COALESCE(SUM(status = 'approved'), 0) AS a, COALESCE(SUM(status = 'pending_approval'), 0) AS p FROM device_detail WHERE sbi_id = ?",
      )
      .get(s.id) as { a: number; p: number };
    return { devicesDeactivated: c.a, devicesRejected: c.p };
  }),
  'sbis.deactivate': command<'sbis.deactivate'>({ module: 'devices', apply: deactivateSbi }),
  'sbis.expireDue': command<'sbis.expireDue'>({
    module: 'devices',
    actorName: () => 'system',
    apply: (ctx) => expireDueSbis(ctx),
  }),
  'devices.add': command<'devices.add'>({ module: 'devices', apply: addDevice }),
  'devices.list': query(listDevices),
  'devices.get': query((ctx, input) => {
    const d = ownDevice(ctx.db, requireActor(ctx.actor), input.deviceId);
    const s = d.sbi_id ? findSbi(ctx.db, d.sbi_id) : undefined;
    return {
      ...deviceRow(d),
      updatedDateTime: d.updated_at,
      sbi: s
        ? {
            sbiId: s.id,
            sbiVersion: s.sw_version,
            status: s.status,
            sbiExpiryStatus: isExpired(s.sw_expiry_dtimes, ctx.now) ? 'expired' : 'valid',
            sbiExpiryDateTime: s.sw_expiry_dtimes,
          }
        : null,
    };
  }),
  'devices.decide': command<'devices.decide'>({ module: 'devices', apply: decideDevice }),
  'devices.deactivate': command<'devices.deactivate'>({
    module: 'devices',
    apply: deactivateDevice,
  }),
};
