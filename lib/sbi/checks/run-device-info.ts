/**
 * All checks of a MOSIPDINFO answer (sbi.md §1.5, §2.2), item by item: shape, the deviceInfo JWS
 * (signature, DEVICE trust, organisation), its payload, the status rules, and the nested digital
 * ID (DEVICE for L0, FTM for L1).
 */
import {
  DEVICE_INFO_ITEM_KEYS,
  DEVICE_INFO_PAYLOAD_KEYS,
  deviceInfoItemSchema,
  deviceInfoPayloadSchema,
} from '../wire/index.ts';
import type { DeviceInfoPayload, DigitalId, SbiWireError } from '../wire/index.ts';
import { z } from 'zod';
import type { VerifyContext } from './context.ts';
import { checkDeviceStatus } from './device-status.ts';
import { checkExtraKeys, checkShape } from './schema.ts';
import { checkSignedBlock } from './signature.ts';
import { checkNestedDigitalId } from './signed-digital-id.ts';
import { checkTrust } from './trust.ts';
import { skip } from './types.ts';
import type { Check } from './types.ts';

export interface DeviceInfoEntry {
  index: number;
  error: SbiWireError | null;
  info: DeviceInfoPayload | null;
  signed: boolean;
  digitalId: DigitalId | null;
  /** x5c[0] of the deviceInfo JWS (the device key; key-rotation checks compare it). */
  deviceCertDer: Uint8Array | null;
  /** x5c[0] of the digital ID (device key for L0, FTM chip key for L1). */
  digitalIdCertDer: Uint8Array | null;
}

export interface DeviceInfoReport {
  checks: Check[];
  entries: DeviceInfoEntry[];
}

const envelope = z.array(z.unknown()).min(1).max(64);

export function checkDeviceInfoAnswer(json: unknown, ctx: VerifyContext): DeviceInfoReport {
  const top = checkShape(envelope, json, 'response.schema', 'MOSIPDINFO');
  const report: DeviceInfoReport = { checks: [top.check], entries: [] };
  (top.value ?? []).forEach((raw, index) => {
    const s = `deviceInfo[${index}]`;
    const entry: DeviceInfoEntry = {
      index,
      error: null,
      info: null,
      signed: false,
      digitalId: null,
      deviceCertDer: null,
      digitalIdCertDer: null,
    };
    report.entries.push(entry);
    const item = checkShape(deviceInfoItemSchema, raw, `${s}.schema`, s);
    report.checks.push(item.check);
    if (ctx.strict) report.checks.push(checkExtraKeys(raw, DEVICE_INFO_ITEM_KEYS, `${s}.keys`));
    if (!item.value) return;
    entry.error = item.value.error;

    const signed = checkSignedBlock(item.value.deviceInfo, s, (p) => p.deviceStatus === 'Not Registered');
    const jws = signed.block?.signed ? signed.block.jws : null;
    entry.signed = jws !== null;
    entry.deviceCertDer = jws?.signerDer ?? null;
    report.checks.push(...signed.checks, ...checkTrust(jws, 'DEVICE', s, ctx));

    const payload = signed.block
      ? checkShape(deviceInfoPayloadSchema, signed.block.payload, `${s}.payload.schema`, `${s}.payload`)
      : null;
    report.checks.push(payload?.check ?? skip(`${s}.payload.schema`, 'schema', 'not decodable'));
    if (ctx.strict && signed.block)
      report.checks.push(checkExtraKeys(signed.block.payload, DEVICE_INFO_PAYLOAD_KEYS, `${s}.payload.keys`));
    entry.info = payload?.value ?? null;
    report.checks.push(checkDeviceStatus(entry.info, item.value.error, `${s}.status`, ctx.strict ?? false));
    if (!entry.info) return void report.checks.push(skip(`${s}.digitalId`, 'signature', 'no readable deviceInfo'));

    const domain = entry.info.certification === 'L1' ? 'FTM' : 'DEVICE';
    const nested = checkNestedDigitalId(
      entry.info.digitalId,
      `${s}.digitalId`,
      domain,
      entry.info.deviceStatus === 'Not Registered',
      ctx,
    );
    entry.digitalId = nested.digitalId;
    entry.digitalIdCertDer = nested.signerDer;
    report.checks.push(...nested.checks);
  });
  return report;
}
