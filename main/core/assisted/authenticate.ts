import { AppError } from '../../contract/index.ts';
import type { ErrorCode, ParsedInput } from '../../contract/index.ts';
import { FINGER_NAMES, IRIS_NAMES } from '../../contract/methods/assisted.ts';
import { FailAfterCommit } from '../command.ts';
import type { CommandCtx, QueryCtx, WriteDb } from '../context.ts';
import { requireActor } from '../context.ts';
import type { IdaKycOutcome, SbiAuthBiometric } from '../ida/types.ts';
import { newUuid } from '../ids.ts';
import { assistedView, loadAssisted, requireState } from './rows.ts';
import type { AssistedDb } from './rows.ts';

interface CaptureDb {
  modality: string;
  captured_at: string;
  device_serial: string;
  digital_id_json: string;
  wrapped: Buffer;
}

/** IDA's refusal codes grouped by what the officer can do about them (ida.md §5, §6). */
export function refusalCode(serviceCode: string): ErrorCode {
  // The device's signed time (or the request's) is outside the service's window: only a new capture helps.
  if (serviceCode === 'IDA-MLC-001') return 'PD_ASR_018';
  if (serviceCode === 'PD_IDA_005' || serviceCode === 'PD_IDA_009') return 'PD_ASR_015';
  if (/^IDA-(BIA-00[16]|DEA-001)$/.test(serviceCode)) return 'PD_ASR_011';
  if (/^IDA-MPA-0(0[46-9]|1[2-35-9]|2[12]|3[89])$/.test(serviceCode)) return 'PD_ASR_012';
  if (/^IDA-(MPA-00[13]|BIA-01[48]|BIA-00[2-9]|DPM-)/.test(serviceCode)) return 'PD_ASR_013';
  return 'PD_ASR_014';
}

export function queueExpired(r: AssistedDb, ttlMinutes: number, now: Date): boolean {
  return r.queued_at !== null && Date.parse(r.queued_at) + ttlMinutes * 60_000 <= now.getTime();
}

/** Every configured modality has a kept capture, unless all of its fingers or irises are marked missing. */
function missingModality(ctx: QueryCtx, r: AssistedDb, kept: readonly string[]): string | null {
  const exceptions = new Set(JSON.parse(r.exceptions_json) as string[]);
  for (const m of ctx.deps.config.assisted.modalities) {
    if (kept.includes(m)) continue;
    const all = m === 'Finger' ? FINGER_NAMES : m === 'Iris' ? IRIS_NAMES : null;
    if (all && all.every((n) => exceptions.has(n))) continue;
    return m;
  }
  return null;
}

export type KycSent = { outcome: IdaKycOutcome } | { expired: true } | { stale: true };

export async function prepareAuthenticate(
  ctx: QueryCtx,
  input: ParsedInput<'assisted.authenticate'>,
): Promise<KycSent> {
  const r = loadAssisted(ctx.db, input.assistedId, requireActor(ctx.actor));
  requireState(r, 'draft', 'waiting');
  if (queueExpired(r, ctx.deps.config.assisted.queueTtlMinutes, ctx.now)) return { expired: true };
  const rows = ctx.db
    .prepare(
      'SELECT modality, captured_at, device_serial, digital_id_json, wrapped FROM assisted_capture WHERE assisted_id = ? ORDER BY modality',
    )
    .all(r.id) as CaptureDb[];
  const missing = missingModality(
    ctx,
    r,
    rows.map((c) => c.modality),
  );
  if (rows.length === 0 || missing)
    throw new AppError('PD_ASR_017', `Capture ${missing ?? 'a biometric'} first.`, undefined, {
      modality: missing ?? '',
    });
  const ida = ctx.deps.ida;
  if (!ida) throw new AppError('PD_ASR_015', 'No ID authentication service is configured on this desk.');
  // The request is built now, but the device signed its capture time: past the service's window the
  // service would refuse it (IDA-MLC-001), so it is not sent at all and the officer captures again.
  const maxAgeMs = ctx.deps.config.assisted.captureMaxAgeSeconds * 1000;
  if (rows.some((c) => Date.parse(c.captured_at) + maxAgeMs < ctx.now.getTime())) return { stale: true };
  const biometrics = rows.flatMap(
    (c) => JSON.parse(ctx.deps.keyWrap.unwrap(c.wrapped).toString('utf8')) as SbiAuthBiometric[],
  );
  const outcome = await ida.kyc({
    individualId: r.individual_id,
    individualIdType: r.individual_id_type,
    transactionId: r.transaction_id!,
    consentObtained: true,
    biometrics,
  });
  return { outcome };
}

function recordEvent(
  ctx: CommandCtx,
  r: AssistedDb,
  outcome: 'matched' | 'refused' | 'queued' | 'expired',
  code: string | null,
  serviceCode: string | null,
): void {
  const devices = ctx.db
    .prepare('SELECT device_serial, digital_id_json FROM assisted_capture WHERE assisted_id = ? ORDER BY modality')
    .all(r.id) as Array<{ device_serial: string; digital_id_json: string }>;
  ctx.db
    .prepare(
      `INSERT INTO assisted_auth_event (id, assisted_id, officer_id, individual_id_type, individual_id, device_serials, digital_ids_json, outcome, outcome_code, service_code, transaction_id, time)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      newUuid(ctx.deps),
      r.id,
      r.officer_id,
      r.individual_id_type,
      r.individual_id,
      [...new Set(devices.map((d) => d.device_serial))].join(','),
      JSON.stringify(devices.map((d) => JSON.parse(d.digital_id_json) as unknown)),
      outcome,
      code,
      serviceCode,
      r.transaction_id,
      ctx.now.toISOString(),
    );
}

/** A new round: attempts start again with a fresh transaction id; the kept captures are dropped. */
export function newRound(ctx: CommandCtx, db: WriteDb, r: AssistedDb, state: 'draft', time: string): void {
  db.prepare('DELETE FROM assisted_capture WHERE assisted_id = ?').run(r.id);
  db.prepare(
    'UPDATE assisted_application SET state = ?, round = round + 1, transaction_id = ?, queued_at = NULL, updated_at = ? WHERE id = ?',
  ).run(state, transactionId(ctx), time, r.id);
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** IDA's transactionID: exactly 10 [A-Za-z0-9] (ida.md §2.1); the SBI capture uses the same. */
export function transactionId(ctx: Pick<CommandCtx, 'deps'>): string {
  return [...ctx.deps.randomBytes(10)].map((b) => ALNUM[b % ALNUM.length]).join('');
}

export function applyAuthenticate(ctx: CommandCtx, input: ParsedInput<'assisted.authenticate'>, sent: KycSent) {
  const actor = requireActor(ctx.actor);
  const r = loadAssisted(ctx.db, input.assistedId, actor);
  requireState(r, 'draft', 'waiting');
  const time = ctx.now.toISOString();
  const ttl = ctx.deps.config.assisted.queueTtlMinutes;
  const ref = { type: 'assisted' as const, id: r.id };
  const view = () => assistedView(ctx.db, loadAssisted(ctx.db, r.id, actor), ttl);
  ctx.changed('assisted');
  if ('expired' in sent || queueExpired(r, ttl, ctx.now)) {
    recordEvent(ctx, r, 'expired', 'PD_ASR_016', null);
    ctx.db.prepare('UPDATE assisted_application SET outcome_code = ? WHERE id = ?').run('PD_ASR_016', r.id);
    newRound(ctx, ctx.db, r, 'draft', time);
    throw new FailAfterCommit(
      new AppError('PD_ASR_016', 'The capture waited too long for the ID service and was dropped; capture again.'),
    );
  }
  if ('stale' in sent) return captureAgain(ctx, r, time, null);
  const { outcome } = sent;
  if (outcome.ok) {
    recordEvent(ctx, r, 'matched', null, null);
    ctx.db.prepare('DELETE FROM assisted_capture WHERE assisted_id = ?').run(r.id);
    ctx.db
      .prepare(
        "UPDATE assisted_application SET state = 'authenticated', claims_json = ?, queued_at = NULL, outcome_code = NULL, service_code = NULL, updated_at = ? WHERE id = ?",
      )
      .run(JSON.stringify(outcome.claims), time, r.id);
    return { output: view(), ref, outbox: false as const };
  }
  if (outcome.unreachable) {
    // Never pretend it passed: the capture stays (wrapped) until the service answers or the queue time ends.
    recordEvent(ctx, r, 'queued', null, outcome.code);
    ctx.db
      .prepare(
        "UPDATE assisted_application SET state = 'waiting', queued_at = COALESCE(queued_at, ?), service_code = ?, updated_at = ? WHERE id = ?",
      )
      .run(time, outcome.code.slice(0, 64), time, r.id);
    return { output: view(), ref, outbox: false as const };
  }
  const code = refusalCode(outcome.code);
  if (code === 'PD_ASR_018') return captureAgain(ctx, r, time, outcome.code);
  recordEvent(ctx, r, 'refused', code, outcome.code);
  ctx.db.prepare('DELETE FROM assisted_capture WHERE assisted_id = ?').run(r.id);
  ctx.db
    .prepare(
      "UPDATE assisted_application SET state = 'refused', queued_at = NULL, outcome_code = ?, service_code = ?, updated_at = ? WHERE id = ?",
    )
    .run(code, outcome.code.slice(0, 64), time, r.id);
  throw new FailAfterCommit(
    new AppError(code, `The ID service refused: ${outcome.code} ${outcome.message}`.slice(0, 400), undefined, {
      serviceCode: outcome.code.slice(0, 64),
    }),
  );
}

/**
 * The capture is too old for the ID service: dropped (never sent or not accepted), the application
 * back to capturing with PD_ASR_018 to say why — the officer keeps the id, program and consent.
 */
function captureAgain(ctx: CommandCtx, r: AssistedDb, time: string, serviceCode: string | null): never {
  recordEvent(ctx, r, 'expired', 'PD_ASR_018', serviceCode);
  ctx.db
    .prepare('UPDATE assisted_application SET outcome_code = ?, service_code = ? WHERE id = ?')
    .run('PD_ASR_018', serviceCode, r.id);
  newRound(ctx, ctx.db, r, 'draft', time);
  throw new FailAfterCommit(
    new AppError(
      'PD_ASR_018',
      `The capture is older than the ID service accepts (${ctx.deps.config.assisted.captureMaxAgeSeconds} s); capture again.`,
      undefined,
      { maxAgeSeconds: String(ctx.deps.config.assisted.captureMaxAgeSeconds), serviceCode: serviceCode ?? '' },
    ),
  );
}

/** The scheduled drop of queued captures past their time (the core's clock). */
export function expireQueue(ctx: CommandCtx) {
  const ttl = ctx.deps.config.assisted.queueTtlMinutes;
  const before = new Date(ctx.now.getTime() - ttl * 60_000).toISOString();
  const due = ctx.db
    .prepare("SELECT id, officer_id FROM assisted_application WHERE state = 'waiting' AND queued_at <= ?")
    .all(before) as Array<{ id: string; officer_id: string }>;
  const time = ctx.now.toISOString();
  for (const d of due) {
    const r = ctx.db.prepare('SELECT * FROM assisted_application WHERE id = ?').get(d.id) as AssistedDb;
    recordEvent(ctx, r, 'expired', 'PD_ASR_016', null);
    ctx.db.prepare('UPDATE assisted_application SET outcome_code = ? WHERE id = ?').run('PD_ASR_016', r.id);
    newRound(ctx, ctx.db, r, 'draft', time);
  }
  if (due.length > 0) ctx.changed('assisted');
  return { output: { dropped: due.length }, outbox: false as const };
}
