/**
 * CAPTURE (Auth) and RCAPTURE (Registration), sbi.md §1.6: the requests we send, the response
 * envelope `{biometrics:[…]}`, and the decoded `data` payload of each item.
 */
import { z } from 'zod';
import { blob, nonEmpty, nonEmptyStringish, sbiErrorSchema, stringish, text } from './common.ts';
import { BIO_TYPES, bioSubTypesOf, ENVS, FINGER_SUB_TYPES, IRIS_SUB_TYPES, PURPOSES } from './enums.ts';
import type { BioType, Env, Purpose } from './enums.ts';

export const TRANSACTION_ID = /^[A-Za-z0-9-]{4,50}$/;
const DIGITS = /^\d{1,9}$/;
const HASH_OR_BLANK = /^(?:[0-9A-Fa-f]{64})?$/;
/** CTK's score pattern: 0–100 with optional decimals (requestedScore/qualityScore are strings). */
const SCORE = /^(100(\.0+)?|\d{1,2}(\.\d+)?)$/;

const digitString = stringish.refine((s) => DIGITS.test(s), 'must be a whole number');
const scoreString = stringish.refine((s) => SCORE.test(s), 'must be a score 0–100');

const requestBio = {
  type: z.enum(BIO_TYPES),
  count: digitString,
  bioSubType: z.array(nonEmpty).max(10).optional(),
  requestedScore: scoreString,
  /** 0.9.5 addresses the device by deviceId; 1.0 by serialNo. */
  deviceId: nonEmpty.optional(),
  serialNo: nonEmpty.optional(),
  deviceSubId: nonEmptyStringish,
  previousHash: text.refine((s) => HASH_OR_BLANK.test(s), 'must be blank or 64 hex characters'),
};
const addressed = (b: { deviceId?: string | undefined; serialNo?: string | undefined }) =>
  b.deviceId !== undefined || b.serialNo !== undefined;

const requestCommon = {
  env: z.enum(ENVS),
  specVersion: nonEmpty,
  timeout: digitString,
  captureTime: text,
  transactionId: text.refine((s) => TRANSACTION_ID.test(s), 'must be 4–50 characters of A–Z, a–z, 0–9 and -'),
  customOpts: z.record(z.string(), z.unknown()).nullable().optional(),
};

export const captureRequestSchema = z.object({
  ...requestCommon,
  purpose: z.literal('Auth'),
  domainUri: text.optional().default(''),
  bio: z.array(z.object(requestBio).refine(addressed, 'deviceId or serialNo is required')).min(1).max(10),
});
export type CaptureRequest = z.input<typeof captureRequestSchema>;

const exceptionName = z.enum([...FINGER_SUB_TYPES, ...IRIS_SUB_TYPES]);
export const rcaptureRequestSchema = z.object({
  ...requestCommon,
  purpose: z.literal('Registration'),
  bio: z
    .array(
      z
        .object({ ...requestBio, exception: z.array(exceptionName).max(10).optional().default([]) })
        .refine(addressed, 'deviceId or serialNo is required'),
    )
    .min(1)
    .max(10),
});
export type RCaptureRequest = z.input<typeof rcaptureRequestSchema>;
export type ParsedCaptureRequest = z.output<typeof captureRequestSchema>;
export type ParsedRCaptureRequest = z.output<typeof rcaptureRequestSchema>;
/** A parsed request of either kind (what the response is checked against). */
export type AnyCaptureRequest = ParsedCaptureRequest | ParsedRCaptureRequest;

export const CAPTURE_ITEM_KEYS = ['specVersion', 'data', 'hash', 'error'] as const;
export const AUTH_CAPTURE_ITEM_KEYS = [...CAPTURE_ITEM_KEYS, 'sessionKey', 'thumbprint'] as const;

/** Items that report an error may carry null or "" data and hash (CTK ErrorCaptureResponseSchema). */
export const captureItemSchema = z.object({
  specVersion: text.nullable().optional(),
  data: z.string().nullable().optional(),
  hash: text.nullable().optional(),
  sessionKey: z.string().max(8192).nullable().optional(),
  thumbprint: text.nullable().optional(),
  error: sbiErrorSchema,
  additionalInfo: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type CaptureItem = z.output<typeof captureItemSchema>;
export const captureResponseSchema = z.object({ biometrics: z.array(z.unknown()).min(1).max(32) });

export const CAPTURE_DATA_KEYS = [
  'digitalId',
  'deviceCode',
  'deviceServiceVersion',
  'bioType',
  'bioSubType',
  'purpose',
  'env',
  'domainUri',
  'bioValue',
  'transactionId',
  'timestamp',
  'requestedScore',
  'qualityScore',
] as const;

export interface CaptureData {
  digitalId: string;
  serialNo: string;
  deviceServiceVersion: string;
  bioType: BioType;
  /** null for face (absent, null, "" or the CTK's string "null"). */
  bioSubType: string | null;
  purpose: Purpose;
  env: Env;
  domainUri: string | null;
  bioValue: string;
  transactionId: string;
  timestamp: string;
  requestedScore: number;
  qualityScore: number;
}

export const captureDataSchema = z
  .object({
    digitalId: blob,
    deviceCode: nonEmpty.optional(),
    serialNo: nonEmpty.optional(),
    deviceServiceVersion: text.optional().default(''),
    bioType: z.enum(BIO_TYPES),
    bioSubType: text.nullable().optional(),
    purpose: z.enum(PURPOSES),
    env: z.enum(ENVS),
    domainUri: text.nullable().optional(),
    bioValue: blob,
    transactionId: text,
    timestamp: text,
    requestedScore: scoreString,
    qualityScore: scoreString,
  })
  .superRefine((d, ctx) => {
    if (d.deviceCode === undefined && d.serialNo === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['deviceCode'],
        message: 'deviceCode (0.9.5) or serialNo (1.0) is required',
      });
    const sub = d.bioSubType === undefined || d.bioSubType === '' || d.bioSubType === 'null' ? null : d.bioSubType;
    if (d.bioType !== 'Face' && (sub === null || !bioSubTypesOf(d.bioType).includes(sub))) {
      ctx.addIssue({
        code: 'custom',
        path: ['bioSubType'],
        message: `not a ${d.bioType} bioSubType`,
      });
    }
  })
  .transform((d): CaptureData => ({
    digitalId: d.digitalId,
    serialNo: d.serialNo ?? d.deviceCode ?? '',
    deviceServiceVersion: d.deviceServiceVersion,
    bioType: d.bioType,
    bioSubType:
      d.bioType === 'Face' || d.bioSubType === undefined || d.bioSubType === '' || d.bioSubType === 'null'
        ? null
        : d.bioSubType,
    purpose: d.purpose,
    env: d.env,
    domainUri: d.domainUri ?? null,
    bioValue: d.bioValue,
    transactionId: d.transactionId,
    timestamp: d.timestamp,
    requestedScore: Number(d.requestedScore),
    qualityScore: Number(d.qualityScore),
  }));
