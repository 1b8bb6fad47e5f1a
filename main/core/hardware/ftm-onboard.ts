import { AppError } from '../../contract/index.ts';
import type { ParsedInput } from '../../contract/index.ts';
import type { CommandCtx, QueryCtx } from '../context.ts';
import { requireActor } from '../context.ts';
import { trustStoreOf } from '../certificates/trust.ts';
import { uploadFtmCertificate } from '../ftm/commands.ts';
import { ownFtm } from '../ftm/rows.ts';
import type { FtmChipReadingView } from './service.ts';

/**
 * Before the transaction: check the chip entry is the caller's, then talk to the chip (slow, so
 * outside the transaction) — read its certificate and make it sign a fresh challenge.
 */
export async function prepareFtmOnboarding(
  ctx: QueryCtx,
  input: ParsedInput<'hardware.ftm.onboard'>,
): Promise<{ reading: FtmChipReadingView; leafPem: string }> {
  const ftm = ownFtm(ctx.db, requireActor(ctx.actor), input.ftmId);
  const org = ctx.db.prepare('SELECT name FROM partner WHERE id = ?').get(ftm.foundational_trust_provider_id) as
    { name: string } | undefined;
  const { leafPem, ...reading } = await ctx.deps.hardware.ftmRead({
    trust: trustStoreOf(ctx.db),
    now: ctx.now,
    path: input.path,
    ...(org ? { orgName: org.name } : {}),
  });
  if (reading.possession.verdict !== 'verified') {
    throw new AppError(
      'PD_HW_003',
      `The chip did not prove possession of its key: ${reading.possession.reason ?? 'signature check failed'}.`,
    );
  }
  return { reading, leafPem };
}

/** The certificate read from the chip goes through the same upload rules as a file upload. */
export function onboardFtmChip(
  ctx: CommandCtx,
  input: ParsedInput<'hardware.ftm.onboard'>,
  prepared: { reading: FtmChipReadingView; leafPem: string },
) {
  const uploadInput = {
    ftmId: input.ftmId,
    fileName: `${prepared.reading.serial || 'ftm-chip'}.pem`,
    contentBase64: Buffer.from(prepared.leafPem, 'utf8').toString('base64'),
  };
  const upload = uploadFtmCertificate(ctx, uploadInput);
  return {
    output: { reading: prepared.reading, ftm: upload.output },
    ref: upload.ref,
    outbox: {
      ...upload.outbox,
      readFromChip: {
        serial: prepared.reading.serial,
        possession: prepared.reading.possession.verdict,
      },
    },
    // The server has no chip to read: it gets the certificate the desk read, through the same upload rules.
    replay: { method: 'ftm.uploadCertificate' as const, input: uploadInput },
  };
}
