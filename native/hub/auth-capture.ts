/**
 * One Auth-purpose CAPTURE for assisted registration (issue 16): the device encrypts bioValue for
 * the ID service (sbi.md §2.5), so the desk reads only what is signed around it — quality, digital
 * id, serial — and checks the answer as the bench does (signature, DEVICE/FTM trust, timestamps,
 * fit to the request). The `biometrics` items go to the ID service exactly as the device sent them.
 */
import { AppError } from '../../main/contract/index.ts';
import type { SbiAuthBiometric } from '../../lib/sbi/auth-capture.ts';
import { SbiClient } from '../sbi/client/sbi-client.ts';
import { isSbiError } from '../../lib/sbi/errors.ts';
import { checkCaptureAnswer, firstFailure } from '../sbi/verify.ts';
import type { CaptureRequest } from '../../lib/sbi/wire/index.ts';
import type { AuthCaptureRequest, AuthCaptureView } from '../../lib/sbi/auth-capture.ts';
import type { VerifyContext } from './hub.ts';

const REASON_MAX = 300;

/** Throws PD_ASR_010 for anything the device did instead of a verified capture. */
export async function authCapture(ctx: VerifyContext & AuthCaptureRequest): Promise<AuthCaptureView> {
  const request: CaptureRequest = {
    env: 'Staging',
    purpose: 'Auth',
    specVersion: '0.9.5',
    timeout: String(ctx.timeoutMs),
    captureTime: ctx.now.toISOString(),
    transactionId: ctx.transactionId,
    domainUri: '',
    bio: [
      {
        type: ctx.modality,
        count: '1',
        ...(ctx.bioSubType ? { bioSubType: [ctx.bioSubType] } : {}),
        requestedScore: String(ctx.requestedScore),
        deviceId: ctx.deviceId,
        deviceSubId: '0',
        previousHash: '',
      },
    ],
  };
  let json: unknown;
  try {
    const answer = await new SbiClient({ port: ctx.port, captureGraceMs: 2000 }).capture(request);
    json = answer.json;
    const report = checkCaptureAnswer(json, {
      trust: ctx.trust,
      now: ctx.now,
      request: answer.request,
      certification: ctx.certification === 'L0' ? 'L0' : 'L1',
    });
    const failed = firstFailure(report.checks);
    if (failed) {
      const deviceError = report.entries.find((e) => e.error && e.error.errorCode !== '0')?.error;
      const reason = deviceError
        ? `device error ${deviceError.errorCode}: ${deviceError.errorInfo}`
        : `${failed.code ?? 'SBI'}: ${failed.reason ?? failed.name}`;
      throw new AppError('PD_ASR_010', `The device did not capture: ${reason.slice(0, REASON_MAX)}`, undefined, {
        reason: reason.slice(0, REASON_MAX),
      });
    }
    const items = (json as { biometrics: SbiAuthBiometric[] }).biometrics;
    const entries = report.entries.filter((e) => e.data !== null);
    const quality = Math.min(...entries.map((e) => e.data!.qualityScore));
    const first = entries[0]!;
    return {
      // Only the fields IDA reads, each as the device sent it.
      biometrics: items.map((b) => ({
        specVersion: b.specVersion,
        data: b.data,
        hash: b.hash,
        sessionKey: b.sessionKey,
        thumbprint: b.thumbprint,
      })),
      quality,
      serialNo: first.digitalId?.serialNo ?? first.data!.serialNo,
      digitalId: first.digitalId ? { ...first.digitalId } : null,
    };
  } catch (e) {
    if (isSbiError(e)) {
      const reason = `${e.code}: ${e.message}`.slice(0, REASON_MAX);
      throw new AppError('PD_ASR_010', `The device did not capture: ${reason}`, undefined, {
        reason,
      });
    }
    throw e;
  }
}
