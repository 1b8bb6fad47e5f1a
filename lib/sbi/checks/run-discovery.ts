/**
 * Checks of a MOSIPDISC answer for the bench (sbi.md §1.4): envelope, per entry the error object,
 * the schema (and in strict mode no extra keys), and the unsigned digital ID's schema. The desk's
 * scan uses client/discovery.ts, which reads the same answer leniently.
 */
import { z } from 'zod';
import { decodeBlock, DISCOVERY_ENTRY_KEYS, discoveryEntrySchema, isSuccess, sbiErrorSchema } from '../wire/index.ts';
import type { DigitalId, DiscoveryEntry } from '../wire/index.ts';
import { checkDigitalIdSchema } from './digital-id.ts';
import { checkExtraKeys, checkShape } from './schema.ts';
import { attempt, fail, pass } from './types.ts';
import type { Check } from './types.ts';

export interface DiscoveryReport {
  checks: Check[];
  entries: Array<{ index: number; entry: DiscoveryEntry | null; digitalId: DigitalId | null }>;
}

const envelope = z.array(z.unknown()).min(1).max(64);
const withError = z.looseObject({ error: sbiErrorSchema });

export function checkDiscoveryAnswer(json: unknown, opts: { strict?: boolean } = {}): DiscoveryReport {
  const top = checkShape(envelope, json, 'response.schema', 'MOSIPDISC');
  const report: DiscoveryReport = { checks: [top.check], entries: [] };
  (top.value ?? []).forEach((raw, index) => {
    const s = `discovery[${index}]`;
    const out: DiscoveryReport['entries'][number] = { index, entry: null, digitalId: null };
    report.entries.push(out);
    const err = checkShape(withError, raw, `${s}.error`, s);
    if (!err.value) return void report.checks.push(err.check);
    if (!isSuccess(err.value.error)) {
      return void report.checks.push(
        fail(`${s}.error`, 'device', 'SBI_DEVICE_ERROR', `device error ${err.value.error.errorCode}`, {
          errorCode: err.value.error.errorCode,
        }),
      );
    }
    report.checks.push(pass(`${s}.error`, 'device'));
    const entry = checkShape(discoveryEntrySchema, raw, `${s}.schema`, s);
    report.checks.push(entry.check);
    if (opts.strict)
      report.checks.push(checkExtraKeys(raw, [...DISCOVERY_ENTRY_KEYS, 'digitalIdDecoded'], `${s}.keys`));
    out.entry = entry.value;
    if (!entry.value) return;
    const block = attempt(`${s}.digitalId.decode`, 'schema', () =>
      decodeBlock(entry.value!.digitalId, `${s}.digitalId`),
    );
    report.checks.push(block.ok ? pass(`${s}.digitalId.decode`, 'schema') : block.check);
    const id = checkDigitalIdSchema(block.ok ? block.value.payload : null, `${s}.digitalId`);
    report.checks.push(id.check);
    out.digitalId = id.digitalId;
  });
  return report;
}
