/**
 * STREAM (sbi.md §1.7): `{deviceId, deviceSubId, timeout?}` in 0.9.5; 1.0 adds type, specVersion,
 * serialNo and dimensions. The answer is multipart/x-mixed-replace JPEG (client/multipart.ts) or,
 * on failure, a JSON `{error}` object.
 */
import { z } from 'zod';
import { nonEmpty, nonEmptyStringish, sbiErrorSchema, stringish } from './common.ts';
import { BIO_TYPES } from './enums.ts';

export const streamRequestSchema = z
  .object({
    deviceId: nonEmpty.optional(),
    serialNo: nonEmpty.optional(),
    deviceSubId: nonEmptyStringish,
    timeout: stringish.refine((s) => /^\d{1,9}$/.test(s), 'must be a whole number of milliseconds').optional(),
    type: z.enum(BIO_TYPES).optional(),
    specVersion: nonEmpty.optional(),
    dimensions: nonEmpty.optional(),
  })
  .refine((r) => r.deviceId !== undefined || r.serialNo !== undefined, 'deviceId or serialNo is required');
export type StreamRequest = z.input<typeof streamRequestSchema>;

/** A JSON answer to STREAM: `{error}` (spec example) or MockMDS's array form `[{error}]`. */
export const streamErrorSchema = z.union([
  z.object({ error: sbiErrorSchema }),
  z.array(z.object({ error: sbiErrorSchema })).min(1),
]);
