/**
 * The digital ID (sbi.md §2.3): who made the device. Unsigned base64url JSON in discovery, a JWS
 * signed by the device key (L0) or the FTM chip key (L1) inside deviceInfo and capture data.
 */
import { z } from 'zod';
import { nonEmpty, text } from './common.ts';
import { BIO_TYPES, DEVICE_SUB_TYPES } from './enums.ts';

export const DIGITAL_ID_KEYS = [
  'serialNo',
  'make',
  'model',
  'type',
  'deviceSubType',
  'deviceProvider',
  'deviceProviderId',
  'dateTime',
] as const;

export const digitalIdSchema = z
  .object({
    serialNo: nonEmpty,
    make: nonEmpty,
    model: nonEmpty,
    type: z.enum(BIO_TYPES),
    deviceSubType: nonEmpty,
    deviceProvider: nonEmpty,
    deviceProviderId: nonEmpty,
    /** Checked for format and freshness by the timestamp check, not here. */
    dateTime: text,
  })
  .superRefine((d, ctx) => {
    if (!DEVICE_SUB_TYPES[d.type].includes(d.deviceSubType)) {
      ctx.addIssue({
        code: 'custom',
        path: ['deviceSubType'],
        message: `not a ${d.type} sub-type`,
      });
    }
  });
export type DigitalId = z.output<typeof digitalIdSchema>;
