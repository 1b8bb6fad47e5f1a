import { z } from 'zod';
import { method } from '../spec.ts';
import { JsonDocument, PAGING_ERRORS, PageQuery, Text, Timestamp, pageOf } from '../common.ts';
import type { Role } from '../common.ts';
import { FormDetail, PortalId } from './portal-model.ts';

/**
 * Assisted registration (issue 16, ssp.md §A10, §C): a registration officer authenticates an
 * applicant with an Auth-purpose biometric device at the desk through the ID service (MOSIP IDA's
 * e-KYC shape), then applies to a program on the applicant's behalf with the consented claims
 * filled in. The desk never sees a biometric: the device encrypts it for the ID service.
 */
const OFFICER: readonly Role[] = ['REGISTRATION_OFFICER'];
const FORM_MAX_BYTES = 512 * 1024;

export const MODALITIES = ['Finger', 'Iris', 'Face'] as const;
export const Modality = z.enum(MODALITIES);
export type Modality = z.infer<typeof Modality>;
export const INDIVIDUAL_ID_TYPES = ['UIN', 'VID'] as const;
export const IndividualIdType = z.enum(INDIVIDUAL_ID_TYPES);

/** The fingers and irises an officer can mark missing (SBI bioSubType names, sbi.md §1.6). */
export const FINGER_NAMES = [
  'Left Thumb',
  'Left IndexFinger',
  'Left MiddleFinger',
  'Left RingFinger',
  'Left LittleFinger',
  'Right Thumb',
  'Right IndexFinger',
  'Right MiddleFinger',
  'Right RingFinger',
  'Right LittleFinger',
] as const;
export const IRIS_NAMES = ['Left', 'Right'] as const;
export const BioSubType = z.enum([...FINGER_NAMES, ...IRIS_NAMES]);

/**
 * draft: opened, capturing; waiting: the capture is queued until the ID service can be reached;
 * authenticated: the ID service matched, the form can be submitted; refused: it did not;
 * submitted: the application went to the program.
 */
export const ASSISTED_STATES = ['draft', 'waiting', 'authenticated', 'refused', 'submitted'] as const;
export const AssistedState = z.enum(ASSISTED_STATES);
export type AssistedState = z.infer<typeof AssistedState>;

const Port = z.number().int().min(1).max(65535);
const DeviceId = Text({ min: 1, max: 64 });

/** An Auth-purpose device as the officer's desk sees it, and why it may not be used. */
export const AssistedDevice = z.object({
  port: Port,
  deviceId: z.string(),
  modality: z.string(),
  subType: z.string(),
  deviceStatus: z.string(),
  serialNo: z.string().nullable(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  verified: z.boolean(),
  /** null when the device may capture now; else PD_ASR_002 (untrusted) or PD_ASR_003 (not Ready). */
  refusal: z.object({ code: z.enum(['PD_ASR_002', 'PD_ASR_003']), reason: z.string() }).nullable(),
});

export const CaptureAttempt = z.object({
  modality: Modality,
  attempt: z.number().int(),
  bioSubType: z.string().nullable(),
  quality: z.number().nullable(),
  threshold: z.number(),
  passed: z.boolean(),
  deviceSerial: z.string(),
  capturedDateTime: Timestamp,
});

export const AssistedApplication = z.object({
  assistedId: z.string(),
  individualIdType: IndividualIdType,
  individualId: z.string(),
  programId: z.string(),
  programName: z.string(),
  state: AssistedState,
  consentDateTime: Timestamp,
  /** Fingers and irises marked missing (exceptions, ssp.md §C5). */
  exceptions: z.array(z.string()),
  attempts: z.array(CaptureAttempt),
  /** Modalities with a capture kept (encrypted) for the ID service. */
  captured: z.array(Modality),
  /** While waiting: when the queued capture is dropped if the ID service stays out of reach. */
  queueExpiresDateTime: Timestamp.nullable(),
  /** The last refusal or failure code (PD_ASR_0xx) and the ID service's own code. */
  outcomeCode: z.string().nullable(),
  serviceCode: z.string().nullable(),
  applicationId: z.string().nullable(),
  createdDateTime: Timestamp,
  updatedDateTime: Timestamp,
});
export type AssistedApplicationView = z.infer<typeof AssistedApplication>;

export const AssistedSettings = z.object({
  modalities: z.array(z.object({ modality: Modality, threshold: z.number(), maxAttempts: z.number().int() })),
  idServiceConfigured: z.boolean(),
  queueTtlMinutes: z.number().int(),
});

const Ref = z.object({ assistedId: PortalId }).strict();

export const assistedMethods = {
  /** A partner admin creates an officer's account (password sign-in, then the desk's device). */
  'registrationOfficers.create': method({
    kind: 'command',
    changes: ['accounts'],
    access: ['PARTNER_ADMIN'],
    input: z
      .object({
        firstName: Text({ min: 1, max: 64 }),
        lastName: Text({ min: 1, max: 64 }),
        email: Text({ max: 254 }),
        username: Text({ max: 64, trim: false }),
        password: z.string().min(1).max(256),
        lang: z.enum(['en', 'fr', 'ar']),
      })
      .strict(),
    output: z.object({ userId: z.string(), roles: z.array(z.string()) }),
    errors: [
      'PMS_PRT_010',
      'PMS_PRT_011',
      'PMS_PRT_012',
      'PMS_PRT_013',
      'PMS_PRT_051',
      'PMS_PRT_052',
      'PMS_PRT_056',
      'PMS_PRT_066',
      'PD_PWD_001',
    ],
  }),
  'assisted.settings': method({
    kind: 'query',
    access: OFFICER,
    input: z.object({}).strict(),
    output: AssistedSettings,
    errors: [],
  }),
  /** The Auth-purpose devices on this desk, verified as the hardware layer does, with why one may not be used. */
  'assisted.devices': method({
    kind: 'query',
    access: OFFICER,
    input: z.object({ refresh: z.boolean().default(false) }).strict(),
    output: z.object({ devices: z.array(AssistedDevice), scannedAt: Timestamp }),
    errors: [],
  }),
  /** Programs an applicant can apply to now (open, with a form). */
  'assisted.programs': method({
    kind: 'query',
    reads: ['programs'],
    access: OFFICER,
    input: PageQuery.extend({ name: Text({ max: 128 }).optional() }).strict(),
    output: pageOf(z.object({ programId: z.string(), name: z.string(), description: z.string() })),
    errors: PAGING_ERRORS,
  }),
  /** Opens an assisted application: works offline (nothing leaves the desk). */
  'assisted.open': method({
    kind: 'command',
    changes: ['assisted'],
    access: OFFICER,
    input: z
      .object({
        individualIdType: IndividualIdType,
        individualId: Text({ min: 1, max: 32 }),
        programId: PortalId,
        consent: z.boolean(),
      })
      .strict(),
    output: AssistedApplication,
    errors: ['PD_ASR_004', 'PD_ASR_005', 'PD_SSP_001', 'PD_SSP_002', 'PD_SSP_003'],
  }),
  /** Marks fingers or irises missing; a capture never asks for them. */
  'assisted.setExceptions': method({
    kind: 'command',
    changes: ['assisted'],
    access: OFFICER,
    input: z.object({ assistedId: PortalId, exceptions: z.array(BioSubType).max(12) }).strict(),
    output: AssistedApplication,
    errors: ['PD_ASR_006', 'PD_ASR_007'],
  }),
  /**
   * One capture attempt on an Auth device: the device is verified and must be Ready first (refused
   * before any capture), then CAPTURE; the quality is compared with the threshold. The best capture
   * per modality is kept wrapped for the ID service; at most `maxAttempts` per modality.
   */
  'assisted.capture': method({
    kind: 'command',
    changes: ['assisted'],
    access: OFFICER,
    input: z
      .object({
        assistedId: PortalId,
        port: Port,
        deviceId: DeviceId,
        modality: Modality,
        bioSubType: BioSubType.optional(),
      })
      .strict(),
    output: z.object({ application: AssistedApplication, attempt: CaptureAttempt }),
    errors: [
      'PD_ASR_001',
      'PD_ASR_002',
      'PD_ASR_003',
      'PD_ASR_006',
      'PD_ASR_007',
      'PD_ASR_008',
      'PD_ASR_009',
      'PD_ASR_010',
      'PD_HW_001',
    ],
  }),
  /**
   * Sends the kept captures to the ID service (e-KYC). A match stores the consented claims; no
   * answer queues the request ("waiting for connection"); a refusal says why.
   */
  'assisted.authenticate': method({
    kind: 'command',
    changes: ['assisted'],
    access: OFFICER,
    input: Ref,
    output: AssistedApplication,
    errors: [
      'PD_ASR_006',
      'PD_ASR_007',
      'PD_ASR_011',
      'PD_ASR_012',
      'PD_ASR_013',
      'PD_ASR_014',
      'PD_ASR_015',
      'PD_ASR_016',
      'PD_ASR_017',
      'PD_ASR_018',
    ],
  }),
  /** Starts a new capture after a refusal or an expired queue (attempts start again). */
  'assisted.restart': method({
    kind: 'command',
    changes: ['assisted'],
    access: OFFICER,
    input: Ref,
    output: AssistedApplication,
    errors: ['PD_ASR_006', 'PD_ASR_007'],
  }),
  'assisted.list': method({
    kind: 'query',
    reads: ['assisted'],
    access: OFFICER,
    input: PageQuery.extend({ state: AssistedState.optional() }).strict(),
    output: pageOf(AssistedApplication),
    errors: PAGING_ERRORS,
  }),
  'assisted.get': method({
    kind: 'query',
    reads: ['assisted'],
    access: OFFICER,
    input: Ref,
    output: AssistedApplication,
    errors: ['PD_ASR_006'],
  }),
  /** The program's form with the consented claims filled in (after a match) and the officer's draft. */
  'assisted.form': method({
    kind: 'query',
    reads: ['assisted', 'programs'],
    access: OFFICER,
    input: Ref,
    output: z.object({
      application: AssistedApplication,
      form: FormDetail,
      prefill: JsonDocument,
      draft: JsonDocument.nullable(),
    }),
    errors: ['PD_ASR_006', 'PD_ASR_007', 'PD_SSP_003'],
  }),
  'assisted.saveDraft': method({
    kind: 'command',
    changes: ['assisted'],
    access: OFFICER,
    input: z.object({ assistedId: PortalId, data: JsonDocument }).strict(),
    output: AssistedApplication,
    errors: ['PD_ASR_006', 'PD_ASR_007', 'PD_SSP_005'],
    maxBytes: FORM_MAX_BYTES,
  }),
  /** Submits on the applicant's behalf: the program admin sees it marked assisted, with the officer. */
  'assisted.submit': method({
    kind: 'command',
    changes: ['assisted', 'applications'],
    access: OFFICER,
    input: z.object({ assistedId: PortalId, data: JsonDocument }).strict(),
    output: AssistedApplication,
    errors: ['PD_ASR_006', 'PD_ASR_007', 'PD_SSP_001', 'PD_SSP_002', 'PD_SSP_003', 'PD_SSP_005', 'PD_SSP_006'],
    maxBytes: FORM_MAX_BYTES,
  }),
  /** Scheduled: queued captures older than the configured time are dropped (the core's clock). */
  'assisted.expireQueue': method({
    kind: 'command',
    changes: ['assisted'],
    access: ['PARTNER_ADMIN'],
    input: z.object({}).strict(),
    output: z.object({ dropped: z.number().int() }),
    errors: [],
  }),
};
