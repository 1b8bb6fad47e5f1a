/**
 * A small JSON admin API on the device's port, modelled on MockMDS's (sbi.md §5.2) for scripts and
 * vendor training: POST /admin/{status,score|quality,delay,rotate-keys,fault,encryption-cert},
 * GET /admin/{state,trust}. Answers `{"errorCode":"0","errorInfo":"Success",…}` or an HTTP 400
 * with errorCode 504. Browsers are kept out: any request carrying an Origin header, or a Host other
 * than this loopback port, is refused (no cross-site page can flip the device's state).
 */
import { z } from 'zod';
import { toPem } from '../pki.ts';
import type { SbiContext } from './context.ts';
import type { VirtualSbiControl } from './control.ts';
import { MAX_DELAY_MS, snapshot } from './control.ts';
import { DEVICE_STATUSES } from './devices.ts';
import type { DeviceStatus } from './devices.ts';
import { VIRTUAL_SBI_FAULTS } from './faults.ts';
import type { WireRequest } from './http-wire.ts';

export interface AdminAnswer {
  status: number;
  body: object;
}

const Target = z.object({
  deviceId: z.string().optional(),
  type: z.enum(['Biometric Device', 'Finger', 'Iris', 'Face']).optional(),
});
const Status = z.enum(DEVICE_STATUSES as [DeviceStatus, ...DeviceStatus[]]);
/** A number or numeric string ("44.44" as MockMDS's admin takes it), rounded to an integer. */
const IntLike = (max: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .regex(/^\d{1,9}(\.\d+)?$/)
        .transform(Number),
    ])
    .transform(Math.round)
    .pipe(z.number().int().min(0).max(max));

const bodies = {
  status: Target.extend({ deviceStatus: Status.optional(), status: Status.optional() }).refine(
    (b) => (b.deviceStatus ?? b.status) !== undefined,
    'deviceStatus is required',
  ),
  score: Target.extend({
    qualityScore: IntLike(100).optional(),
    score: IntLike(100).optional(),
  }).refine((b) => (b.qualityScore ?? b.score) !== undefined, 'qualityScore is required'),
  delay: z.object({ delay: IntLike(MAX_DELAY_MS) }),
  rotate: z.object({ deviceId: z.string().optional() }),
  fault: z.object({ fault: z.enum(VIRTUAL_SBI_FAULTS).nullable() }),
  encryption: z.object({ certificate: z.string().min(1).max(20_000) }),
};

const ok = (ctx: SbiContext, extra: object = {}): AdminAnswer => ({
  status: 200,
  body: { errorCode: '0', errorInfo: 'Success', ...extra, state: snapshot(ctx) },
});
const bad = (why: string, status = 400): AdminAnswer => ({
  status,
  body: { errorCode: '504', errorInfo: why },
});

export async function admin(ctx: SbiContext, control: VirtualSbiControl, req: WireRequest): Promise<AdminAnswer> {
  if (req.headers.has('origin')) return bad('the admin API does not serve browsers', 403);
  const host = req.headers.get('host') ?? '';
  if (host !== `127.0.0.1:${ctx.port}` && host !== `localhost:${ctx.port}`) return bad('unexpected Host header', 403);
  const route = req.path.replace(/\/+$/, '');
  if (req.method === 'GET' && route === '/admin/state') return ok(ctx);
  if (req.method === 'GET' && route === '/admin/trust')
    return {
      status: 200,
      body: {
        device: ctx.pki.deviceCa.pem,
        ftm: ctx.pki.ftmRoot.pem,
        encryption: toPem(ctx.encryption.der),
      },
    };
  if (req.method !== 'POST') return { status: 404, body: { errorCode: '500', errorInfo: 'Invalid URL' } };
  let json: unknown;
  try {
    json = JSON.parse(req.body.toString('utf8') || '{}');
  } catch {
    return bad('body is not JSON');
  }
  // The devices a status or score change applies to: one id, or every device of a type (MockMDS style).
  const targets = (t: z.infer<typeof Target>): string[] =>
    t.deviceId !== undefined
      ? [t.deviceId]
      : [...ctx.devices.values()]
          .filter((d) => !t.type || t.type === 'Biometric Device' || d.type === t.type)
          .map((d) => d.deviceId);
  try {
    switch (route) {
      case '/admin/status': {
        const b = bodies.status.parse(json);
        for (const id of targets(b)) control.setStatus(id, (b.deviceStatus ?? b.status)!);
        return ok(ctx);
      }
      case '/admin/score':
      case '/admin/quality': {
        const b = bodies.score.parse(json);
        for (const id of targets(b)) control.setQuality(id, (b.qualityScore ?? b.score)!);
        return ok(ctx);
      }
      case '/admin/delay':
        control.setDelay(bodies.delay.parse(json).delay);
        return ok(ctx);
      case '/admin/rotate-keys':
        await control.rotateKeys(bodies.rotate.parse(json).deviceId);
        return ok(ctx);
      case '/admin/fault':
        control.setFault(bodies.fault.parse(json).fault);
        return ok(ctx);
      case '/admin/encryption-cert':
        control.setEncryptionCert(bodies.encryption.parse(json).certificate);
        return ok(ctx);
      default:
        return { status: 404, body: { errorCode: '500', errorInfo: 'Invalid URL' } };
    }
  } catch (e) {
    if (e instanceof z.ZodError)
      return bad(e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    if (e instanceof Error && (e.name === 'RangeError' || e.name === 'EncryptionCertError')) return bad(e.message);
    throw e;
  }
}
