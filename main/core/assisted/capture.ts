import { AppError } from '../../contract/index.ts';
import type { ParsedInput } from '../../contract/index.ts';
import { FINGER_NAMES, IRIS_NAMES } from '../../contract/methods/assisted.ts';
import type { AuthCaptureView } from '../../../lib/sbi/auth-capture.ts';
import { trustStoreOf } from '../certificates/trust.ts';
import type { CommandCtx, QueryCtx, ReadDb, WriteDb } from '../context.ts';
import { requireActor } from '../context.ts';
import { checkAuthDevice } from './device.ts';
import { assistedView, loadAssisted, requireState } from './rows.ts';
import type { AssistedDb } from './rows.ts';

type Modality = 'Finger' | 'Iris' | 'Face';

function attemptsSoFar(db: ReadDb | WriteDb, r: AssistedDb, modality: Modality): number {
  return db
    .prepare('SELECT COUNT(*) FROM assisted_attempt WHERE assisted_id = ? AND round = ? AND modality = ?')
    .pluck()
    .get(r.id, r.round, modality) as number;
}

/** The finger or iris to ask for: the one named, or the first not marked missing (face: none). */
function subTypeFor(r: AssistedDb, modality: Modality, asked: string | undefined): string | undefined {
  const missing = new Set(JSON.parse(r.exceptions_json) as string[]);
  if (modality === 'Face') {
    if (asked) throw new AppError('PD_ASR_008', 'A face has no sub-type.', { bioSubType: 'PD_ASR_008' });
    return undefined;
  }
  const names: readonly string[] = modality === 'Finger' ? FINGER_NAMES : IRIS_NAMES;
  if (asked !== undefined) {
    if (!names.includes(asked))
      throw new AppError('PD_ASR_008', `${asked} is not a ${modality.toLowerCase()}.`, {
        bioSubType: 'PD_ASR_008',
      });
    if (missing.has(asked))
      throw new AppError('PD_ASR_008', `${asked} is marked missing.`, { bioSubType: 'PD_ASR_008' });
    return asked;
  }
  const first = names.find((n) => !missing.has(n));
  if (!first)
    throw new AppError('PD_ASR_008', `Every ${modality.toLowerCase()} is marked missing.`, {
      modality: 'PD_ASR_008',
    });
  return first;
}

/** Everything decided before the device is touched: a refused capture never reaches the device. */
function precheck(db: ReadDb | WriteDb, ctx: Pick<QueryCtx, 'deps' | 'actor'>, input: ParsedInput<'assisted.capture'>) {
  const cfg = ctx.deps.config.assisted;
  const r = loadAssisted(db, input.assistedId, requireActor(ctx.actor));
  requireState(r, 'draft');
  if (!cfg.modalities.includes(input.modality))
    throw new AppError('PD_ASR_008', `${input.modality} is not configured for this deployment.`, {
      modality: 'PD_ASR_008',
    });
  const bioSubType = subTypeFor(r, input.modality, input.bioSubType);
  const done = attemptsSoFar(db, r, input.modality);
  if (done >= cfg.maxAttempts)
    throw new AppError('PD_ASR_009', `No retries left for ${input.modality} (${cfg.maxAttempts}).`, undefined, {
      max: String(cfg.maxAttempts),
    });
  return { r, bioSubType, attempt: done + 1, threshold: cfg.thresholds[input.modality] };
}

export interface CaptureDone {
  capture: AuthCaptureView;
  bioSubType: string | undefined;
}

export async function prepareCapture(ctx: QueryCtx, input: ParsedInput<'assisted.capture'>): Promise<CaptureDone> {
  const { r, bioSubType, threshold } = precheck(ctx.db, ctx, input);
  const device = await checkAuthDevice(ctx, input.port, input.deviceId);
  const capture = await ctx.deps.hardware.authCapture({
    trust: trustStoreOf(ctx.db),
    now: ctx.now,
    port: input.port,
    deviceId: input.deviceId,
    modality: input.modality,
    bioSubType,
    transactionId: r.transaction_id!,
    requestedScore: threshold,
    timeoutMs: ctx.deps.config.assisted.captureTimeoutMs,
    certification: device.certification,
  });
  return { capture, bioSubType };
}

/** Records the attempt (quality only) and keeps the better capture of the modality, wrapped. */
export function applyCapture(ctx: CommandCtx, input: ParsedInput<'assisted.capture'>, done: CaptureDone) {
  const { r, attempt, threshold } = precheck(ctx.db, ctx, input);
  const { capture } = done;
  const time = ctx.now.toISOString();
  const passed = capture.quality >= threshold;
  ctx.db
    .prepare(
      'INSERT INTO assisted_attempt (assisted_id, modality, attempt, round, bio_sub_type, quality, threshold, passed, device_serial, captured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      r.id,
      input.modality,
      attempt,
      r.round,
      done.bioSubType ?? null,
      capture.quality,
      threshold,
      passed ? 1 : 0,
      capture.serialNo,
      time,
    );
  const kept = ctx.db
    .prepare('SELECT quality FROM assisted_capture WHERE assisted_id = ? AND modality = ?')
    .pluck()
    .get(r.id, input.modality) as number | null | undefined;
  if (kept === undefined || (kept ?? -1) < capture.quality) {
    // The items are already encrypted for the ID service by the device; wrapped again so nothing of them rests in clear.
    const wrapped = ctx.deps.keyWrap.wrap(Buffer.from(JSON.stringify(capture.biometrics), 'utf8'));
    ctx.db
      .prepare(
        `INSERT INTO assisted_capture (assisted_id, modality, quality, device_serial, digital_id_json, wrapped, captured_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (assisted_id, modality) DO UPDATE SET quality = excluded.quality, device_serial = excluded.device_serial, digital_id_json = excluded.digital_id_json, wrapped = excluded.wrapped, captured_at = excluded.captured_at`,
      )
      .run(
        r.id,
        input.modality,
        capture.quality,
        capture.serialNo,
        JSON.stringify(capture.digitalId ?? {}),
        wrapped,
        time,
      );
  }
  // A new capture answers the last "capture again" or refusal: its reason no longer applies.
  ctx.db
    .prepare('UPDATE assisted_application SET outcome_code = NULL, service_code = NULL, updated_at = ? WHERE id = ?')
    .run(time, r.id);
  ctx.changed('assisted');
  const application = assistedView(
    ctx.db,
    loadAssisted(ctx.db, r.id, requireActor(ctx.actor)),
    ctx.deps.config.assisted.queueTtlMinutes,
  );
  const row = application.attempts.find((a) => a.modality === input.modality && a.attempt === attempt)!;
  return {
    output: { application, attempt: row },
    ref: { type: 'assisted' as const, id: r.id },
    // Device-local work: the outbox carries what happened, never the capture.
    outbox: false as const,
  };
}
