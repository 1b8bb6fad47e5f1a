/**
 * All checks of a CAPTURE/RCAPTURE answer (sbi.md §1.6, §2), item by item: shape, device error,
 * encryption fields (Auth), the data JWS (signature, DEVICE trust, organisation), its payload and
 * timestamp, the nested digital ID (FTM for Auth and L1, DEVICE for L0 Registration), the record,
 * the hash chain, and the fit to the request; then the item count.
 */
import { z } from 'zod';
import {
  AUTH_CAPTURE_ITEM_KEYS,
  CAPTURE_DATA_KEYS,
  CAPTURE_ITEM_KEYS,
  captureDataSchema,
  captureItemSchema,
  isSuccess,
} from '../wire/index.ts';
import type { AnyCaptureRequest, CaptureData, Certification, DigitalId, SbiWireError } from '../wire/index.ts';
import { readBioValue } from './bio-value.ts';
import type { BioDecryptor } from './bio-value.ts';
import type { VerifyContext } from './context.ts';
import { checkHashChain } from './hash-chain.ts';
import type { HashedItem } from './hash-chain.ts';
import { checkItemCount, checkItemMismatch } from './mismatch.ts';
import { checkExtraKeys, checkShape } from './schema.ts';
import { checkSignedBlock } from './signature.ts';
import { checkNestedDigitalId } from './signed-digital-id.ts';
import { checkTimestamp } from './timestamps.ts';
import { checkTrust } from './trust.ts';
import { fail, pass, skip } from './types.ts';
import type { Check } from './types.ts';

export interface CaptureContext extends VerifyContext {
  /** The request as sent (SbiClient returns it with the answer). */
  request: AnyCaptureRequest;
  /** Certification of the selected device (discovery or deviceInfo): decides the digital ID's domain. */
  certification: Certification;
  /** Opens an Auth record; without it the Auth hash chain is skipped. */
  decrypt?: BioDecryptor;
}

export interface CaptureEntry {
  index: number;
  error: SbiWireError | null;
  data: CaptureData | null;
  digitalId: DigitalId | null;
  /** The plaintext ISO record when it could be read. */
  iso: Uint8Array | null;
  hash: string | null;
  deviceCertDer: Uint8Array | null;
  digitalIdCertDer: Uint8Array | null;
}

export interface CaptureReport {
  checks: Check[];
  entries: CaptureEntry[];
  /** The last item's hash: previousHash of the next capture in this transaction. */
  lastHash: string;
}

const envelope = z.object({ biometrics: z.array(z.unknown()).min(1).max(32) });
const THUMBPRINT = /^[0-9A-F]{64}$/;

export function checkCaptureAnswer(json: unknown, ctx: CaptureContext): CaptureReport {
  const auth = ctx.request.purpose === 'Auth';
  const top = checkShape(envelope, json, 'response.schema', ctx.request.purpose === 'Auth' ? 'CAPTURE' : 'RCAPTURE');
  const report: CaptureReport = { checks: [top.check], entries: [], lastHash: '' };
  if (!top.value) return report;
  const perItem: Array<{ before: Check[]; after: Check[] }> = [];
  const chain: HashedItem[] = [];
  const chainIndex: number[] = [];
  top.value.biometrics.forEach((raw, index) => {
    const s = `biometrics[${index}]`;
    const before: Check[] = [];
    const after: Check[] = [];
    perItem.push({ before, after });
    const entry: CaptureEntry = {
      index,
      error: null,
      data: null,
      digitalId: null,
      iso: null,
      hash: null,
      deviceCertDer: null,
      digitalIdCertDer: null,
    };
    report.entries.push(entry);
    const item = checkShape(captureItemSchema, raw, `${s}.schema`, s);
    before.push(item.check);
    if (ctx.strict) before.push(checkExtraKeys(raw, auth ? AUTH_CAPTURE_ITEM_KEYS : CAPTURE_ITEM_KEYS, `${s}.keys`));
    if (!item.value) return;
    const it = item.value;
    entry.error = it.error;
    entry.hash = it.hash ?? null;
    if (!isSuccess(it.error)) {
      before.push(
        fail(
          `${s}.error`,
          'device',
          'SBI_DEVICE_ERROR',
          `device error ${it.error.errorCode}: ${it.error.errorInfo.slice(0, 200)}`,
          { errorCode: it.error.errorCode },
        ),
      );
      return;
    }
    before.push(pass(`${s}.error`, 'device'));
    // Every successful item is a link of the chain, readable or not, so one bad item does not blame the next.
    const link: HashedItem = {
      subject: s,
      hash: it.hash,
      iso: { unavailable: 'no readable data' },
    };
    chain.push(link);
    chainIndex.push(index);
    if (auth) {
      const ok =
        typeof it.sessionKey === 'string' &&
        it.sessionKey.length > 0 &&
        typeof it.thumbprint === 'string' &&
        THUMBPRINT.test(it.thumbprint);
      before.push(
        ok
          ? pass(`${s}.encryption`, 'schema')
          : fail(
              `${s}.encryption`,
              'schema',
              'SBI_MALFORMED',
              'an Auth item needs sessionKey and an upper-case hex SHA-256 thumbprint',
            ),
      );
    }

    const signed = checkSignedBlock(it.data, `${s}.data`, () => false);
    const jws = signed.block?.signed ? signed.block.jws : null;
    entry.deviceCertDer = jws?.signerDer ?? null;
    before.push(...signed.checks, ...checkTrust(jws, 'DEVICE', `${s}.data`, ctx));
    const data = signed.block
      ? checkShape(captureDataSchema, signed.block.payload, `${s}.data.schema`, `${s}.data`)
      : null;
    before.push(data?.check ?? skip(`${s}.data.schema`, 'schema', 'not decodable'));
    if (ctx.strict && signed.block)
      before.push(checkExtraKeys(signed.block.payload, CAPTURE_DATA_KEYS, `${s}.data.keys`));
    entry.data = data?.value ?? null;
    if (!entry.data) return;
    const d = entry.data;
    before.push(checkTimestamp(d.timestamp, `${s}.data.timestamp`, ctx.now, ctx.toleranceMs));

    // sbi.md §2.2: the digital ID of an Auth capture is the FTM chip's; L0 signs it with the device key (Registration only).
    const domain = auth || ctx.certification === 'L1' ? 'FTM' : 'DEVICE';
    const nested = checkNestedDigitalId(d.digitalId, `${s}.digitalId`, domain, false, ctx);
    entry.digitalId = nested.digitalId;
    entry.digitalIdCertDer = nested.signerDer;
    before.push(...nested.checks);

    const bio = readBioValue(d, it, auth, s, ctx.decrypt);
    before.push(bio.check);
    entry.iso = bio.iso instanceof Uint8Array ? bio.iso : null;
    link.iso = bio.iso;
    after.push(...checkItemMismatch(ctx.request, { subject: s, data: d, digitalId: nested.digitalId }));
  });

  const previousHash = ctx.request.bio[0]?.previousHash ?? '';
  const hashed = checkHashChain(previousHash, chain);
  const hashChecks = new Map(chainIndex.map((index, i) => [index, hashed.checks[i]!]));
  perItem.forEach(({ before, after }, index) => {
    const h = hashChecks.get(index);
    report.checks.push(...before, ...(h ? [h] : []), ...after);
  });
  report.checks.push(checkItemCount(ctx.request, top.value.biometrics.length));
  report.lastHash = hashed.last;
  return report;
}
