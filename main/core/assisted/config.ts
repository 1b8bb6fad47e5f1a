import { z } from 'zod';

const Threshold = z.number().min(0).max(100);

/**
 * What the deployment asks of an assisted authentication (ssp.md §C2, §C7): the modalities the
 * officer captures, their quality thresholds (the registration client's operator-auth default is
 * 30), attempts per modality (3), how long a capture may wait for the ID service (at rest, and
 * as the service's time window allows), and the device's capture timeout.
 */
export const AssistedConfigSchema = z
  .object({
    modalities: z
      .array(z.enum(['Finger', 'Iris', 'Face']))
      .min(1)
      .max(3)
      .default(['Finger']),
    thresholds: z
      .object({
        Finger: Threshold.default(30),
        Iris: Threshold.default(30),
        Face: Threshold.default(30),
      })
      .default({ Finger: 30, Iris: 30, Face: 30 }),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    queueTtlMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(24 * 60),
    captureTimeoutMs: z.number().int().min(1000).max(120_000).default(10_000),
    /**
     * How old a capture the ID service accepts: IDA checks the device's signed time against its
     * request window (60 s in the past, ida.md §2.1). A queued capture older than this is not sent.
     */
    captureMaxAgeSeconds: z.number().int().min(10).max(3600).default(60),
    /** Form key → the e-KYC claim that fills it; a claim named like the key fills it too. */
    claimMapping: z.record(z.string(), z.string()).default({
      name: 'fullName',
      email: 'email',
      phone: 'phone',
      birthdate: 'dateOfBirth',
      gender: 'gender',
      address: 'addressLine1',
    }),
  })
  .strict()
  .refine((c) => new Set(c.modalities).size === c.modalities.length, {
    message: 'a modality is listed twice',
  });

export type AssistedConfig = z.output<typeof AssistedConfigSchema>;
export const ASSISTED_DEFAULTS: AssistedConfig = AssistedConfigSchema.parse({});
